import { createReadStream } from 'node:fs'
import fastifyMultipart from '@fastify/multipart'
import { reserveItems } from '@shuqiao/contracts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { sendProblem } from '../../http/error-handler.ts'
import { ProblemError } from '../../http/problem.ts'
import { mount } from '../../http/route.ts'
import { attachmentDisposition } from '../../platform/files/files.names.ts'
import { blobPath, filesDirOf } from '../../platform/files/files.storage.ts'
import { storeOneFile } from '../../platform/files/upload-part.ts'
import { createItemAccess } from './item-access.ts'
import { permalinkPath } from './permalinks.ts'
import { createDeliveryService } from './reserve-items.delivery.ts'
import { createReserveItemsService } from './reserve-items.service.ts'

/** A permalink code from a raw route's path, lower-cased; undefined when it cannot be one. */
const codeIn = (request: FastifyRequest) =>
  reserveItems.PermalinkCode.safeParse((request.params as { code: string }).code).data

/** Where this server is reached, for links that leave it (notices, snippets). */
const originOf = (ctx: AppContext, request: FastifyRequest) =>
  (ctx.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`).replace(/\/$/, '')

const wantsPage = (request: FastifyRequest) => !!request.headers.accept?.includes('text/html')

/** `inline` with the same careful file name as an attachment's. */
const inlineDisposition = (name: string) => attachmentDisposition(name).replace(/^attachment/, 'inline')

/** A `Range: bytes=a-b` header as one range within `size`; null for none, 'bad' when it cannot be met. */
const rangeOf = (header: string | undefined, size: number): { start: number; end: number } | null | 'bad' => {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return 'bad'
  if (match[1] === '') {
    const suffix = Number(match[2])
    return suffix === 0 ? 'bad' : { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  return start >= size || end < start ? 'bad' : { start, end }
}

const finished = (reply: FastifyReply) =>
  new Promise<void>((resolve) => {
    if (reply.raw.writableEnded) return resolve()
    reply.raw.once('finish', resolve)
    reply.raw.once('close', resolve)
  })

/** Reserve items, their review, permalinks (/r/<code>), PDFs, embed pages and delivery. */
export const reserveItemRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const access = createItemAccess(ctx)
  const items = createReserveItemsService(ctx, access)
  const delivery = createDeliveryService(ctx)
  app.addHook('onClose', async () => {
    await access.stop()
  })

  mount(app, ctx, reserveItems.listCourseItems, ({ caller, params }) => items.list(caller, params.courseId))
  mount(app, ctx, reserveItems.createItem, ({ caller, request, params, body }) =>
    items.create(caller, request.id, params.courseId, body),
  )
  mount(app, ctx, reserveItems.updateItem, ({ caller, request, params, body }) =>
    items.update(caller, request.id, params.itemId, body),
  )
  mount(app, ctx, reserveItems.deleteItem, async ({ caller, request, params }) => {
    await items.remove(caller, request.id, params.itemId)
    return undefined
  })
  mount(app, ctx, reserveItems.listReviews, ({ caller, query }) => items.reviews(caller, query.status))
  mount(app, ctx, reserveItems.approveItem, ({ caller, request, params, body }) =>
    items.approve(caller, request.id, params.itemId, body.channel),
  )
  mount(app, ctx, reserveItems.rejectItem, ({ caller, request, params, body }) =>
    items.reject(caller, request.id, params.itemId, body.reason),
  )
  mount(app, ctx, reserveItems.getItemSettings, ({ caller }) => items.settings(caller))
  mount(app, ctx, reserveItems.putItemSettings, ({ caller, request, body }) =>
    items.saveSettings(caller, request.id, body),
  )
  mount(app, ctx, reserveItems.getDelivery, ({ caller, request, params }) =>
    delivery.links(caller, params.courseId, originOf(ctx, request)),
  )
  mount(app, ctx, reserveItems.sendDelivery, ({ caller, request, params }) =>
    delivery.send(caller, request.id, params.courseId, originOf(ctx, request)),
  )

  mount(app, ctx, reserveItems.getPermalinkItem, async ({ caller, params }) => {
    const { target } = await access.allowed(caller, params.code)
    return {
      course: {
        id: target.course_id,
        code: target.course_code,
        nameZh: target.course_name_zh,
        nameEn: target.course_name_en,
      },
      item: target.item_id
        ? {
            id: target.item_id,
            code: target.code,
            kind: target.kind!,
            name: target.name!,
            note: target.note,
            permalink: permalinkPath(target.code),
            downloadable: target.downloadable!,
            seatLimit: target.seat_limit,
          }
        : null,
    }
  })

  // A PDF item, streamed with Range support so a phone's viewer can jump to a page.
  mount(app, ctx, reserveItems.itemFile, async ({ caller, params, request, reply }) => {
    const target = await access.file(caller, params.code)
    const size = Number(target.file_size)
    const range = rangeOf(request.headers.range, size)
    if (range === 'bad') {
      reply.header('content-range', `bytes */${size}`)
      return reply.code(416).send()
    }
    const path = blobPath(filesDirOf(ctx.config), target.file_sha256!)
    const name = target.file_name ?? `${target.name}.pdf`
    reply
      .type('application/pdf')
      .header('accept-ranges', 'bytes')
      .header(
        'content-disposition',
        target.downloadable ? attachmentDisposition(name) : inlineDisposition(name),
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
    if (range) {
      reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', range.end - range.start + 1)
        .send(createReadStream(path, { start: range.start, end: range.end }))
    } else {
      reply.header('content-length', size).send(createReadStream(path))
    }
    await finished(reply)
    return undefined
  })

  // The permalink itself, as printed on slides and pasted into teaching platforms.
  app.get('/r/:code', async (request, reply) => {
    const code = codeIn(request)
    if (!code) return sendProblem(request, reply, 'not_found')
    const caller = await ctx.sessions.authenticate(request, reply)
    reply.header('cache-control', 'no-store')
    if (!caller) {
      // Sign in, then come back here.
      if (wantsPage(request))
        return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(permalinkPath(code))}`, 302)
      return sendProblem(request, reply, 'unauthenticated')
    }
    try {
      const decision = await access.open(caller, code, request.ip)
      return reply.redirect(decision.location, 302)
    } catch (caught) {
      if (!(caught instanceof ProblemError)) throw caught
      // A reader in a browser sees the item page, which says why in their language.
      if (wantsPage(request) && caught.code !== 'not_found') {
        const retry = caught.extra.extensions?.retryAfterSeconds
        return reply.redirect(`/reserve/${code}?refused=${caught.code}${retry ? `&retry=${retry}` : ''}`, 302)
      }
      return sendProblem(request, reply, caught.code, caught.extra)
    }
  })

  // A course list's embed page for teaching platforms: item names and permalinks only.
  app.get('/embed/:code', async (request, reply) => {
    const code = codeIn(request)
    const page = code ? await delivery.embedPage(code) : undefined
    if (!page) return sendProblem(request, reply, 'not_found')
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *")
      .header('cache-control', 'no-cache')
      .send(page)
  })

  // The PDF upload needs multipart bodies, parsed in this scope only.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart)
    const maxBytes = ctx.config.FILE_MAX_BYTES
    mount(scope, ctx, reserveItems.uploadItemFile, ({ caller, request, reply, params }) =>
      storeOneFile(request, reply, maxBytes, (part) => items.upload(caller, params.courseId, part)),
    )
  })
}
