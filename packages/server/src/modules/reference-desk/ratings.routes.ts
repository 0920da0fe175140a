import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import type { GuestTokens } from './guest-tokens.ts'
import { createRatingsService } from './ratings.service.ts'

/** Ratings of ended chats, by their readers and guests. */
export const ratingRoutes = (app: FastifyInstance, ctx: AppContext, guestTokens: GuestTokens) => {
  const ratings = createRatingsService(ctx, guestTokens)
  mount(app, ctx, referenceDesk.getRating, ({ caller, params }) => ratings.get(caller, params.conversationId))
  mount(app, ctx, referenceDesk.rateConversation, ({ caller, params, body }) =>
    ratings.rate(caller, params.conversationId, body),
  )
  mount(app, ctx, referenceDesk.rateGuestConversation, ({ params, body }) =>
    ratings.rateAsGuest(params.conversationId, body),
  )
}
