import type { notifications } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { presentNotice } from './notifications.presenter.ts'
import * as repo from './notifications.repository.ts'

/** A signed-in account's own notices; every query is keyed by the caller's account, nothing else. */
export const createInboxService = (ctx: AppContext) => {
  const { db } = ctx
  return {
    async list(caller: Caller, query: z.output<typeof notifications.ListNoticesQuery>) {
      const rows = await repo.listInbox(db, caller.accountId, {
        unread: query.unread,
        beforeId: query.cursor,
        limit: query.limit,
      })
      const items = rows.slice(0, query.limit).map(presentNotice)
      return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
    },

    async unreadCount(caller: Caller) {
      return { count: await repo.countUnread(db, caller.accountId) }
    },

    async markRead(caller: Caller, noticeId: string) {
      const changed = await repo.markRead(db, caller.accountId, ctx.now(), noticeId)
      // Reading twice is fine; someone else's notice does not exist as far as the caller knows.
      if (changed === 0 && !(await repo.inboxNoticeExists(db, caller.accountId, noticeId)))
        throw new ProblemError('not_found')
    },

    async markAllRead(caller: Caller) {
      return { marked: await repo.markRead(db, caller.accountId, ctx.now()) }
    },
  }
}
