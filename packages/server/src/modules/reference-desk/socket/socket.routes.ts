import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { WebSocket } from 'ws'
import type { AppContext } from '../../../context.ts'
import { callerOf, setCaller } from '../../../http/caller.ts'
import { sendProblem } from '../../../http/error-handler.ts'
import { languageOf } from '../../../http/language.ts'
import type { Authenticated } from '../../../platform/session/session.service.ts'
import type { GuestTokens } from '../guest-tokens.ts'
import type { MessagesService } from '../messages.service.ts'
import { openConnection } from './connection.ts'
import { createDeskHub } from './hub.ts'

const HEARTBEAT_MS = 30_000

/**
 * A page of another site must not chat in a reader's name with their cookie: a browser always
 * sends Origin with a WebSocket upgrade, and it must be ours. Clients that are not browsers send none.
 */
const isOwnOrigin = (request: FastifyRequest, publicOrigin: string | undefined) => {
  const origin = request.headers.origin
  if (origin === undefined) return true
  if (publicOrigin && origin === publicOrigin) return true
  return origin === `${request.protocol}://${request.host}`
}

/** The desk's WebSocket endpoint; needs @fastify/websocket registered on the app first. */
export const deskSocketRoutes = (
  app: FastifyInstance,
  ctx: AppContext,
  deps: { messages: MessagesService; guestTokens: GuestTokens },
) => {
  const log = (message: string, error: unknown) => app.log.error({ err: error }, message)
  const hub = createDeskHub(ctx, log)
  const alive = new Map<WebSocket, boolean>()
  // Parsed once: every upgrade compares against it.
  const publicOrigin = ctx.config.PUBLIC_URL ? new URL(ctx.config.PUBLIC_URL).origin : undefined

  const heartbeat = setInterval(() => {
    for (const [socket, answered] of alive) {
      if (!answered) {
        socket.terminate()
        continue
      }
      alive.set(socket, false)
      socket.ping()
    }
  }, HEARTBEAT_MS)
  heartbeat.unref()
  app.addHook('onClose', async () => {
    clearInterval(heartbeat)
    await hub.close()
  })

  app.get(
    referenceDesk.DESK_SOCKET_PATH,
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request, reply) => {
        if (!isOwnOrigin(request, publicOrigin)) return sendProblem(request, reply, 'origin_mismatch')
        const caller = await ctx.sessions.authenticate(request, reply)
        if (caller) setCaller(request, caller)
      },
    },
    (socket, request) => {
      const connection = openConnection(
        socket,
        callerOf(request) as Authenticated | undefined,
        languageOf(request),
        { ctx, hub, log, ...deps },
      )
      alive.set(socket, true)
      socket.on('pong', () => alive.set(socket, true))
      socket.on('message', (data: Buffer) => connection.receive(data))
      socket.on('close', () => {
        alive.delete(socket)
        connection.closed()
      })
      socket.on('error', (error) => log('desk socket error', error))
    },
  )
}
