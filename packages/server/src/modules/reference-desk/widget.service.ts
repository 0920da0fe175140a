import type { referenceDesk } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { deskLibraryOf } from './desk-library.ts'
import { presentQueueRef } from './queues.presenter.ts'
import { onlineQueues } from './queues.repository.ts'

/** The sites a library lets show its /ask page in a frame (none without a row). */
export const allowedOriginsOf = async (db: Kysely<DB>, libraryCode: string) =>
  (
    await db
      .selectFrom('reference_widget_settings as w')
      .innerJoin('libraries as l', 'l.id', 'w.library_id')
      .select('w.allowed_origins')
      .where('l.code', '=', libraryCode)
      .executeTakeFirst()
  )?.allowed_origins ?? []

/** The embeddable widget: its online state for any site, and the library's framing settings. */
export const createWidgetService = (ctx: AppContext) => {
  const { db } = ctx

  const settingsOf = async (libraryId: string): Promise<referenceDesk.WidgetSettings> => {
    const row = await db
      .selectFrom('libraries as l')
      .leftJoin('reference_widget_settings as w', 'w.library_id', 'l.id')
      .select(['l.id', 'l.code', 'w.allowed_origins'])
      .where('l.id', '=', libraryId)
      .executeTakeFirstOrThrow()
    return { libraryId: row.id, libraryCode: row.code, allowedOrigins: row.allowed_origins ?? [] }
  }

  return {
    /** Whether anyone is on duty for the library's desk, or for the queue the widget names. */
    async state(libraryCode: string, queueCode: string | undefined): Promise<referenceDesk.WidgetState> {
      const library = await db
        .selectFrom('libraries')
        .select(['id', 'code', 'name_zh', 'name_en'])
        .where('code', '=', libraryCode)
        .executeTakeFirst()
      if (!library) throw new ProblemError('not_found')
      const queues = (await onlineQueues(db, library.id)).map((row) => ({
        ...presentQueueRef(row),
        allowGuests: row.allow_guests,
        online: Boolean(row.online),
      }))
      const shown = queueCode ? queues.filter((queue) => queue.code === queueCode) : queues
      if (queueCode && shown.length === 0) throw new ProblemError('not_found')
      return {
        library: { code: library.code, nameZh: library.name_zh, nameEn: library.name_en },
        online: shown.some((queue) => queue.online),
        queues: shown,
      }
    },

    async settings(caller: Caller, libraryId: string | undefined) {
      return settingsOf(await deskLibraryOf(db, caller, libraryId))
    },

    async setSettings(
      caller: Caller,
      requestId: string,
      input: { libraryId?: string | undefined; allowedOrigins: string[] },
    ) {
      const libraryId = await deskLibraryOf(db, caller, input.libraryId, 'body.libraryId')
      const before = await settingsOf(libraryId)
      const allowedOrigins = [...new Set(input.allowedOrigins)]
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('reference_widget_settings')
          .values({
            library_id: libraryId,
            allowed_origins: allowedOrigins,
            updated_by: caller.accountId,
            updated_at: ctx.now(),
          })
          .onConflict((oc) =>
            oc.column('library_id').doUpdateSet({
              allowed_origins: allowedOrigins,
              updated_by: caller.accountId,
              updated_at: ctx.now(),
            }),
          )
          .execute()
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'reference_desk.widget.update',
          entityType: 'reference_widget',
          entityId: libraryId,
          entityLabel: before.libraryCode,
          before: { allowedOrigins: before.allowedOrigins.join(' ') },
          after: { allowedOrigins: allowedOrigins.join(' ') },
        })
      })
      return settingsOf(libraryId)
    },
  }
}
