import { Readable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { attachmentDisposition } from '../platform/files/files.names.ts'

/**
 * Sends a generated file (an export, a report) as a download: never sniffed, never cached, since
 * it may hold readers' names on a shared desk computer. A streamed file is waited for until it
 * has gone out, or the client has left.
 */
export const sendDownload = async (
  reply: FastifyReply,
  file: { fileName: string; mediaType: string; body: Buffer | Readable },
) => {
  reply
    .type(file.mediaType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.body)
  if (file.body instanceof Readable) {
    await new Promise<void>((resolve) => {
      if (reply.raw.writableEnded) return resolve()
      reply.raw.once('finish', resolve)
      reply.raw.once('close', resolve)
    })
  }
  return reply
}
