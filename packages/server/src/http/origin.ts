import type { FastifyRequest } from 'fastify'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Cookie sessions need a check that a state-changing request came from our own pages.
 * Browsers send `Origin` on such requests; it must be our address. Clients that send neither
 * Origin nor Sec-Fetch-Site are not browsers and carry no ambient cookie risk.
 */
export const isTrustedOrigin = (request: FastifyRequest, publicUrl: string | undefined): boolean => {
  if (!STATE_CHANGING.has(request.method)) return true
  const origin = request.headers.origin
  if (origin === undefined) return request.headers['sec-fetch-site'] !== 'cross-site'
  if (publicUrl && origin === new URL(publicUrl).origin) return true
  return origin === `${request.protocol}://${request.host}`
}
