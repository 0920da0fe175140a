import { publishers, titleFulfilment } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createPublishersService } from './publishers.service.ts'
import { createTitleFulfilmentService } from './title-fulfilment.service.ts'

/** The fulfilment work on titles (status, assignment, history) and the publishers asked for them. */
export const titleFulfilmentRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const work = createTitleFulfilmentService(ctx)
  const houses = createPublishersService(ctx)

  mount(app, ctx, titleFulfilment.getTitleWork, ({ caller, params }) => work.work(caller, params.titleId))
  mount(app, ctx, titleFulfilment.changeTitleStatus, ({ caller, request, params, body }) =>
    work.changeStatus(caller, request.id, params.titleId, body),
  )
  mount(app, ctx, titleFulfilment.assignTitle, ({ caller, request, params, body }) =>
    work.assign(caller, request.id, params.titleId, body.assigneeId, body.note),
  )
  mount(app, ctx, titleFulfilment.assignTitles, ({ caller, request, body }) =>
    work.assignMany(caller, request.id, body.titleIds, body.assigneeId),
  )
  mount(app, ctx, titleFulfilment.listAssignees, ({ caller }) => work.assignees(caller))
  mount(app, ctx, publishers.listPublishers, ({ caller, query }) => houses.list(caller, query))
  mount(app, ctx, publishers.createPublisher, ({ caller, request, body }) =>
    houses.create(caller, request.id, body),
  )
  mount(app, ctx, publishers.getPublisher, ({ caller, params }) => houses.detail(caller, params.publisherId))
  mount(app, ctx, publishers.updatePublisher, ({ caller, request, params, body }) =>
    houses.update(caller, request.id, params.publisherId, body),
  )
  mount(app, ctx, publishers.addContact, ({ caller, request, params, body }) =>
    houses.addContact(caller, request.id, params.publisherId, body),
  )
  mount(app, ctx, publishers.linkTitlePublisher, ({ caller, request, params, body }) =>
    houses.linkTitle(caller, request.id, params.titleId, body.publisherId),
  )
}
