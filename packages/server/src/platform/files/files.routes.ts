import { files } from '@shuqiao/contracts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { attachmentDisposition } from './files.names.ts'
import { textCharsetOf } from './files.policy.ts'
import { presentFile } from './files.presenter.ts'
import { ATTACHMENT_POLICY, openBytes, readableFile, storeUpload } from './files.service.ts'
import { blobPath, filesDirOf, sweepTemp } from './files.storage.ts'
import { storeOneFile } from './upload-part.ts'

export const fileRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const maxBytes = ATTACHMENT_POLICY.maxBytes ?? ctx.config.FILE_MAX_BYTES
  sweepTemp(filesDirOf(ctx.config), ctx.now()).catch((error: unknown) =>
    app.log.warn({ err: error }, 'could not sweep temporary uploads'),
  )

  mount(app, ctx, files.uploadFile, async ({ caller, request, reply }) =>
    presentFile(
      await storeOneFile(request, reply, maxBytes, (part) =>
        storeUpload(ctx, caller, part.stream, { filename: part.filename, policy: ATTACHMENT_POLICY }),
      ),
    ),
  )

  mount(app, ctx, files.downloadFile, async ({ caller, params, reply }) => {
    const file = await readableFile(ctx, caller, params.fileId)
    const bytes = await openBytes(ctx, file)
    const isText = file.mediaType === files.FILE_KINDS.txt.mediaType
    // Text is kept as uploaded, so a GBK list downloads as GBK and says so.
    const charset = isText ? await textCharsetOf(blobPath(filesDirOf(ctx.config), file.sha256)) : undefined
    reply
      .type(charset ? `${file.mediaType}; charset=${charset}` : file.mediaType)
      .header('content-length', file.size)
      .header('content-disposition', attachmentDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      // Private to whoever was allowed it, and possibly on a shared library computer.
      .header('cache-control', 'private, no-store')
      .send(bytes)
    await finished(reply)
    return undefined
  })

  mount(app, ctx, files.getFileMeta, async ({ caller, params }) =>
    presentFile(await readableFile(ctx, caller, params.fileId)),
  )
}

// mount() answers again when a handler returns before the reply has ended, which a streamed
// body has not; waiting for the end keeps it from cutting the download short.
const finished = (reply: FastifyReply) =>
  new Promise<void>((resolve) => {
    if (reply.raw.writableEnded) return resolve()
    reply.raw.once('finish', resolve)
    reply.raw.once('close', resolve)
  })
