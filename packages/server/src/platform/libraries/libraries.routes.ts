import { libraries } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createLibrariesService } from './libraries.service.ts'

export const libraryRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createLibrariesService(ctx)
  mount(app, ctx, libraries.listLibraries, () => service.listPublic())
  mount(app, ctx, libraries.createLibrary, ({ caller, request, body }) =>
    service.create(caller, request.id, body),
  )
  mount(app, ctx, libraries.updateLibrary, ({ caller, request, params, body }) =>
    service.update(caller, request.id, params.libraryId, body),
  )
  mount(app, ctx, libraries.getCalendar, ({ caller, params, query }) =>
    service.calendar(caller, params.libraryId, query.from, query.to),
  )
  mount(app, ctx, libraries.setCalendarDays, ({ caller, request, params, body }) =>
    service.setCalendarDays(caller, request.id, params.libraryId, body),
  )
  mount(app, ctx, libraries.listDepartments, ({ caller, params }) =>
    service.departments(caller, params.libraryId),
  )
  mount(app, ctx, libraries.createDepartment, ({ caller, request, params, body }) =>
    service.createDepartment(caller, request.id, params.libraryId, body),
  )
}
