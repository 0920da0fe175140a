import { eHoldings } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createEHoldingsService } from './e-holdings.service.ts'
import { createHoldingsImportService } from './e-holdings-import.service.ts'

/** The library's e-holdings: platforms and their KBART imports. */
export const eHoldingRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const platforms = createEHoldingsService(ctx)
  const imports = createHoldingsImportService(ctx)

  mount(app, ctx, eHoldings.listPlatforms, ({ caller }) => platforms.list(caller))
  mount(app, ctx, eHoldings.updatePlatform, ({ caller, request, params, body }) =>
    platforms.update(caller, request.id, params.platformId, body),
  )
  mount(app, ctx, eHoldings.deletePlatform, async ({ caller, request, params }) => {
    await platforms.remove(caller, request.id, params.platformId)
    return undefined
  })
  mount(app, ctx, eHoldings.importHoldings, ({ caller, request, body }) =>
    imports.run(caller, request.id, body),
  )
}
