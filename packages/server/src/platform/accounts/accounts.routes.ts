import { accounts } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createAccountsService } from './accounts.service.ts'

export const accountRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createAccountsService(ctx)
  mount(app, ctx, accounts.listAccounts, ({ caller, query }) => service.list(caller, query))
  mount(app, ctx, accounts.getAccount, ({ caller, params }) => service.get(caller, params.accountId))
  mount(app, ctx, accounts.createAccount, ({ caller, request, body }) =>
    service.create(caller, request.id, body),
  )
  mount(app, ctx, accounts.updateAccount, ({ caller, request, params, body }) =>
    service.update(caller, request.id, params.accountId, body),
  )
  mount(app, ctx, accounts.setAccountRoles, ({ caller, request, params, body }) =>
    service.setRoles(caller, request.id, params.accountId, body),
  )
  mount(app, ctx, accounts.resetAccountPassword, async ({ caller, request, params, body }) => {
    await service.resetPassword(caller, request.id, params.accountId, body.password)
    return undefined
  })
}
