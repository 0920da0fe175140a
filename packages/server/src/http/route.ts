import type { BodyOf, ParamsOf, QueryOf, ResponseOf, RouteContract } from '@shuqiao/contracts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.ts'
import { type Caller, callerOf, setCaller } from './caller.ts'
import { sendProblem } from './error-handler.ts'
import { isTrustedOrigin } from './origin.ts'

type CallerFor<C extends RouteContract> = C['access'] extends 'public' ? Caller | undefined : Caller

export interface RouteInput<C extends RouteContract> {
  params: ParamsOf<C>
  query: QueryOf<C>
  body: BodyOf<C>
  caller: CallerFor<C>
  request: FastifyRequest
  reply: FastifyReply
}

type Handler<C extends RouteContract> = (input: RouteInput<C>) => Promise<ResponseOf<C> | undefined>

/**
 * Mounts one contract. Before its input is even parsed, the caller is identified and the
 * contract's `access` enforced (401 anonymous, 403 wrong role), so strangers learn nothing
 * from validation messages. Each mounted contract is recorded for the access-matrix test.
 */
export const mount = <C extends RouteContract>(
  app: FastifyInstance,
  ctx: AppContext,
  contract: C,
  handler: Handler<C>,
) => {
  ctx.routes.push(contract)
  const status = contract.status ?? 200
  app.route({
    method: contract.method,
    url: contract.path,
    schema: {
      summary: contract.summary,
      tags: [contract.tag],
      description: describeAccess(contract),
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.body ? { body: contract.body } : {}),
      ...(contract.response ? { response: { [status]: contract.response } } : {}),
    },
    preValidation: async (request, reply) => {
      if (!isTrustedOrigin(request, ctx.config.PUBLIC_URL))
        return sendProblem(request, reply, 'origin_mismatch')
      const caller = await ctx.sessions.authenticate(request, reply)
      if (caller) setCaller(request, caller)
      if (contract.access === 'public') return
      if (!caller) return sendProblem(request, reply, 'unauthenticated')
      if (contract.access === 'signed_in') return
      if (!contract.access.some((role) => caller.roles.has(role)))
        return sendProblem(request, reply, 'forbidden')
    },
    handler: async (request, reply) => {
      const result = await handler({
        params: request.params as ParamsOf<C>,
        query: request.query as QueryOf<C>,
        body: request.body as BodyOf<C>,
        caller: callerOf(request) as CallerFor<C>,
        request,
        reply,
      })
      // A handler that answered by itself (a stream, a redirect) returns the reply, or has sent it.
      if (reply.sent || (result as unknown) === reply) return reply
      if (status === 204 || result === undefined) return reply.code(status === 204 ? 204 : status).send()
      return reply.code(status).send(result)
    },
  })
}

const describeAccess = (contract: RouteContract) =>
  contract.access === 'public'
    ? 'Access: anyone.'
    : contract.access === 'signed_in'
      ? 'Access: any signed-in account.'
      : `Access: ${contract.access.join(', ')}.`
