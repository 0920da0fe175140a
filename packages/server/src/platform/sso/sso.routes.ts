import { session, ssoAdmin } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createSsoService } from './sso.service.ts'
import { createSsoAdminService } from './sso-admin.service.ts'

export const ssoRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const sso = createSsoService(ctx)
  const admin = createSsoAdminService(ctx)
  mount(app, ctx, session.listSsoProviders, ({ query }) => sso.listPublic(query.libraryId))
  mount(app, ctx, session.startSso, async ({ request, reply, params, query }) => {
    await sso.start(request, reply, params.providerId, query.returnTo)
    return undefined
  })
  mount(app, ctx, session.finishSso, async ({ request, reply, params, query }) => {
    await sso.finish(request, reply, params.providerId, query)
    return undefined
  })
  mount(app, ctx, ssoAdmin.listOidcProviders, ({ caller, params }) => admin.list(caller, params.libraryId))
  mount(app, ctx, ssoAdmin.saveOidcProvider, ({ caller, request, params, body }) =>
    admin.create(caller, request.id, params.libraryId, body),
  )
  mount(app, ctx, ssoAdmin.updateOidcProvider, ({ caller, request, params, body }) =>
    admin.update(caller, request.id, params.libraryId, params.providerId, body),
  )
}
