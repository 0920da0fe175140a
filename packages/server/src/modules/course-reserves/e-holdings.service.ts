import type { eHoldings } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import type { Caller } from '../../http/caller.ts'
import { isStaff } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { registerFileAccess } from '../../platform/files/files.service.ts'
import { cleanText } from './course-import.values.ts'
import { staffLibraryOf } from './course-reserves.access.ts'
import { platformSnapshot, presentPlatform } from './e-holdings.presenter.ts'
import * as repo from './e-holdings.repository.ts'

type PlatformChange = z.output<typeof eHoldings.updatePlatform.body>

/** The library's e-holdings platforms: listed with their title counts, renamed, flagged open access, removed. */
export const createEHoldingsService = (ctx: AppContext) => {
  const { db } = ctx

  const own = async (caller: Caller, platformId: string) => {
    const platform = await repo.platformById(db, staffLibraryOf(caller), platformId)
    if (!platform) throw new ProblemError('not_found')
    return platform
  }

  return {
    list: async (caller: Caller) => ({
      items: (await repo.platformsOf(db, staffLibraryOf(caller))).map(presentPlatform),
    }),

    update: async (caller: Caller, requestId: string, platformId: string, body: PlatformChange) => {
      const before = await own(caller, platformId)
      const after = await db
        .transaction()
        .execute(async (trx) => {
          const row = await trx
            .updateTable('e_holding_platforms')
            .set({
              ...(body.name !== undefined ? { name: cleanText(body.name) } : {}),
              ...(body.openAccess !== undefined ? { open_access: body.openAccess } : {}),
              updated_at: ctx.now(),
            })
            .where('id', '=', before.id)
            .returningAll()
            .executeTakeFirstOrThrow()
          await recordAudit(trx, {
            caller,
            requestId,
            libraryId: before.library_id,
            action: 'e_holding_platform.update',
            entityType: 'e_holding_platform',
            entityId: before.id,
            entityLabel: row.name,
            before: platformSnapshot(before),
            after: platformSnapshot(row),
          })
          return row
        })
        .catch((caught: unknown) => {
          if (isUniqueViolation(caught)) throw new ProblemError('platform_name_taken')
          throw caught
        })
      return presentPlatform(after)
    },

    remove: async (caller: Caller, requestId: string, platformId: string) => {
      const platform = await own(caller, platformId)
      await db.transaction().execute(async (trx) => {
        await repo.lockPlatform(trx, platform.id)
        await repo.clearPlatform(trx, platform.id)
        await trx.deleteFrom('e_holding_platforms').where('id', '=', platform.id).execute()
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: platform.library_id,
          action: 'e_holding_platform.delete',
          entityType: 'e_holding_platform',
          entityId: platform.id,
          entityLabel: platform.name,
          before: platformSnapshot(platform),
          after: null,
        })
      })
    },
  }
}

// A platform's imported files stay with it, for its library's staff.
registerFileAccess('e_holding_platform', async (ctx, caller, platformId) => {
  if (!isStaff(caller) || !caller.libraryId) return false
  return !!(await repo.platformById(ctx.db, caller.libraryId, platformId))
})
