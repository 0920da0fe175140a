import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createSubjectRoutingService } from './subject-routing.service.ts'

/** Routing by subject (Q4): which librarians answer chats about which disciplines first. */
export const subjectRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const subjects = createSubjectRoutingService(ctx)
  mount(app, ctx, referenceDesk.listSubjectLibrarians, ({ caller, query }) =>
    subjects.list(caller, query.libraryId),
  )
  mount(app, ctx, referenceDesk.setSubjectDisciplines, ({ caller, request, params, body }) =>
    subjects.setDisciplines(caller, request.id, params.accountId, body.disciplines),
  )
}
