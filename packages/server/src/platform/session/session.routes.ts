import { session } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { presentProfile, profileQuery } from './profile.query.ts'
import type { Authenticated } from './session.service.ts'

export const sessionRoutes = (app: FastifyInstance, ctx: AppContext) => {
  mount(app, ctx, session.signIn, ({ body, request, reply }) => ctx.sessions.signIn(request, reply, body))

  mount(app, ctx, session.signOut, async ({ request, reply }) => {
    await ctx.sessions.signOut(request, reply)
    return undefined
  })

  mount(app, ctx, session.signOutEverywhere, async ({ caller, reply }) => {
    await ctx.sessions.signOutEverywhere(caller, reply)
    return undefined
  })

  mount(app, ctx, session.getMe, async ({ caller }) => (caller as Authenticated).profile)

  mount(app, ctx, session.updateMe, async ({ caller, body, reply }) => {
    await ctx.db
      .updateTable('accounts')
      .set({ ...body, updated_at: ctx.now() })
      .where('id', '=', caller.accountId)
      .execute()
    await ctx.sessions.forgetAccount(caller.accountId)
    if (body.language)
      reply.setCookie('lang', body.language, { path: '/', sameSite: 'lax', maxAge: 31_536_000 })
    const row = await profileQuery(ctx.db).where('a.id', '=', caller.accountId).executeTakeFirstOrThrow()
    return presentProfile(row, caller.via)
  })

  mount(app, ctx, session.changePassword, async ({ caller, body }) => {
    await ctx.sessions.changePassword(caller, body.currentPassword, body.newPassword)
    return undefined
  })
}
