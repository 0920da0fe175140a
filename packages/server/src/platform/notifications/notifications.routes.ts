import { notifications } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createChannelsService } from './channels.service.ts'
import { createDeliveriesService } from './deliveries.service.ts'
import { createInboxService } from './inbox.service.ts'

export const notificationRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const inbox = createInboxService(ctx)
  const channels = createChannelsService(ctx)
  const deliveries = createDeliveriesService(ctx)
  // Whoever closes the app stops the worker before the database goes (tests, `serve` shutdown).
  app.addHook('onClose', () => ctx.notices.stop())

  mount(app, ctx, notifications.listMyNotices, ({ caller, query }) => inbox.list(caller, query))
  mount(app, ctx, notifications.countUnreadNotices, ({ caller }) => inbox.unreadCount(caller))
  mount(app, ctx, notifications.markNoticeRead, async ({ caller, params }) => {
    await inbox.markRead(caller, params.noticeId)
    return undefined
  })
  mount(app, ctx, notifications.markAllNoticesRead, ({ caller }) => inbox.markAllRead(caller))

  mount(app, ctx, notifications.listNoticeEvents, async () => channels.events())
  mount(app, ctx, notifications.listNoticeChannels, ({ caller, params }) =>
    channels.list(caller, params.libraryId),
  )
  mount(app, ctx, notifications.createNoticeChannel, ({ caller, request, params, body }) =>
    channels.create(caller, request.id, params.libraryId, body),
  )
  mount(app, ctx, notifications.updateNoticeChannel, ({ caller, request, params, body }) =>
    channels.update(caller, request.id, params.libraryId, params.channelId, body),
  )
  mount(app, ctx, notifications.deleteNoticeChannel, async ({ caller, request, params }) => {
    await channels.remove(caller, request.id, params.libraryId, params.channelId)
    return undefined
  })
  mount(app, ctx, notifications.testNoticeChannel, ({ caller, params }) =>
    channels.test(caller, params.libraryId, params.channelId),
  )

  mount(app, ctx, notifications.listNoticeDeliveries, ({ caller, params, query }) =>
    deliveries.list(caller, params.libraryId, query),
  )
  mount(app, ctx, notifications.retryNoticeDelivery, ({ caller, request, params }) =>
    deliveries.retry(caller, request.id, params.libraryId, params.deliveryId),
  )
}
