import type { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ProblemError } from '../../http/problem.ts'
import { tooLarge } from './files.policy.ts'

const ONE_FILE = { files: 1, fields: 5, fieldSize: 1024, parts: 6 }

const isTooLarge = (error: unknown) => (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'

/**
 * The one file of a multipart upload, read whole (an export to preview, a config to parse);
 * past `maxBytes` it is refused with 413 and the connection closed, the rest not worth reading.
 */
export const receiveFile = async (request: FastifyRequest, reply: FastifyReply, maxBytes: number) => {
  if (!request.isMultipart()) throw new ProblemError('unsupported_media_type')
  try {
    const part = await request.file({ limits: { fileSize: maxBytes, ...ONE_FILE } })
    if (!part) throw new ProblemError('file_missing')
    return { name: part.filename, bytes: await part.toBuffer() }
  } catch (error) {
    if (isTooLarge(error)) {
      reply.header('connection', 'close')
      throw tooLarge(maxBytes)
    }
    throw error
  }
}

/**
 * The one file of a multipart upload as a stream for `store` (files storage, which sees an
 * overflow itself). A refused upload is answered and its connection closed, the rest not worth
 * reading.
 */
export const storeOneFile = async <T>(
  request: FastifyRequest,
  reply: FastifyReply,
  maxBytes: number,
  store: (part: { stream: Readable; filename: string }) => Promise<T>,
) => {
  if (!request.isMultipart()) throw new ProblemError('unsupported_media_type')
  try {
    const part = await request.file({
      // One byte over the limit lets storage see the overflow instead of a silent truncation.
      limits: { fileSize: maxBytes + 1, ...ONE_FILE },
      throwFileSizeLimit: false,
    })
    if (!part) throw new ProblemError('file_missing')
    return await store({ stream: part.file, filename: part.filename })
  } catch (error) {
    reply.header('connection', 'close')
    if (isTooLarge(error)) throw tooLarge(maxBytes)
    throw error
  }
}
