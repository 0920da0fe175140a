import type { notifications } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { checkLibrary } from './channels.service.ts'
import { type DeliveryRow, presentDelivery } from './notifications.presenter.ts'
import * as repo from './notifications.repository.ts'
import { OUTBOX_CHANNEL } from './outbox.ts'

const labelOf = (row: DeliveryRow) =>
  `${row.event} → ${row.channel_name ?? (row.recipient_name ? `${row.recipient_name} (${row.recipient_reader_number})` : row.channel)}`

/** What happened to a library's e-mails, robot and webhook posts, and trying a failed one again. */
export const createDeliveriesService = (ctx: AppContext) => {
  const { db } = ctx
  return {
    async list(caller: Caller, libraryId: string, query: z.output<typeof notifications.ListDeliveriesQuery>) {
      await checkLibrary(ctx, caller, libraryId)
      const rows = await repo.listDeliveries(db, libraryId, {
        status: query.status,
        channel: query.channel,
        beforeId: query.cursor,
        limit: query.limit,
      })
      const items = rows.slice(0, query.limit).map(presentDelivery)
      return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
    },

    /** Makes a failed or dead delivery due now: one more try, whatever its count. */
    async retry(caller: Caller, requestId: string, libraryId: string, deliveryId: string) {
      await checkLibrary(ctx, caller, libraryId)
      const after = await db.transaction().execute(async (trx) => {
        const current = await repo.deliveryOfLibrary(trx, libraryId, deliveryId)
        if (!current) throw new ProblemError('not_found')
        if (current.status !== 'failed' && current.status !== 'dead')
          throw new ProblemError('illegal_transition')
        await trx
          .updateTable('notice_outbox')
          .set({ status: 'failed', next_attempt_at: ctx.now() })
          .where('id', '=', deliveryId)
          .execute()
        const updated = (await repo.deliveryOfLibrary(trx, libraryId, deliveryId))!
        const before = presentDelivery(current)
        const after = presentDelivery(updated)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'notice.delivery.retry',
          entityType: 'notice_delivery',
          entityId: deliveryId,
          entityLabel: labelOf(current),
          before: { status: before.status, nextAttemptAt: before.nextAttemptAt },
          after: { status: after.status, nextAttemptAt: after.nextAttemptAt },
        })
        return after
      })
      // Every process's worker hears it; the row is due now.
      await ctx.events.publish(OUTBOX_CHANNEL, '')
      return after
    },
  }
}
