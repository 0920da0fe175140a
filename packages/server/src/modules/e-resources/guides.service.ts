import { randomBytes } from 'node:crypto'
import type { guides } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { disciplinesForFiling } from './disciplines.service.ts'
import { presentSummary } from './e-resources.presenter.ts'
import * as repo from './e-resources.repository.ts'
import { servesLibrary } from './e-resources.service.ts'

type Input = z.output<typeof guides.GuideInput>
type Detail = z.output<typeof guides.GuideDetail>

// Lower-case Crockford base32: short enough to print on a poster, nothing to misread.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const newCode = () => [...randomBytes(6)].map((byte) => ALPHABET[byte % 32]).join('')

/** Guides with their counts; `readersOn` (a day) counts only the resources readers may open then. */
const summaryColumns = (db: Kysely<DB>, readersOn?: string) =>
  db
    .selectFrom('resource_guides as g')
    .selectAll('g')
    .select([
      sql<number>`(select count(*) from resource_guide_items i join e_resources r on r.id = i.resource_id
        where i.guide_id = g.id and ${readersOn ? repo.readerVisible(readersOn) : sql`true`})::int`.as(
        'resources',
      ),
      sql<number>`coalesce((select sum(v.visits) from resource_guide_visits v where v.guide_id = g.id), 0)::int`.as(
        'visits',
      ),
    ])

type GuideRow = NonNullable<Awaited<ReturnType<ReturnType<typeof summaryColumns>['executeTakeFirst']>>>

const presentGuide = (row: GuideRow) => ({
  id: row.id,
  code: row.code,
  titleZh: row.title_zh,
  titleEn: row.title_en,
  discipline: row.discipline,
  status: row.status,
  resources: Number(row.resources),
  visits: Number(row.visits),
  updatedAt: row.updated_at.toISOString(),
})

/** Guides (学科导航, R4): ordered resources with notes, at a short public address. */
export const createGuidesService = (ctx: AppContext) => {
  const { db } = ctx

  const libraryOf = async (caller: Caller | undefined, code: string | undefined) => {
    const library = code
      ? await repo.findLibraryByCode(db, code)
      : caller?.libraryId
        ? await db
            .selectFrom('libraries')
            .select(['id', 'time_zone'])
            .where('id', '=', caller.libraryId)
            .executeTakeFirst()
        : undefined
    if (!library && !code) throw fieldProblem('query.library', 'required', '请指明图书馆', 'Name the library')
    if (!library) throw new ProblemError('not_found')
    return library
  }

  const detail = async (caller: Caller | undefined, row: GuideRow, withoutVpn: boolean): Promise<Detail> => {
    const staff = servesLibrary(caller, row.library_id)
    const library = await db
      .selectFrom('libraries')
      .select('time_zone')
      .where('id', '=', row.library_id)
      .executeTakeFirstOrThrow()
    const today = todayIn(library.time_zone, ctx.now())
    const resourceIds = await db
      .selectFrom('resource_guide_items')
      .select(['resource_id', 'note_zh', 'note_en'])
      .where('guide_id', '=', row.id)
      .orderBy('position')
      .execute()
    const found = resourceIds.length
      ? await repo
          .directory(
            db,
            row.library_id,
            { withoutVpn: withoutVpn ? 'true' : undefined },
            { readersOnly: !staff, today },
          )
          .where(
            'r.id',
            'in',
            resourceIds.map((item) => item.resource_id),
          )
          .execute()
      : []
    const byId = new Map(found.map((resource) => [resource.id, resource]))
    const items = resourceIds.flatMap((item) => {
      const resource = byId.get(item.resource_id)
      return resource
        ? [{ resource: presentSummary(resource, today), noteZh: item.note_zh, noteEn: item.note_en }]
        : []
    })
    return {
      ...presentGuide(row),
      // What this caller can open (readers do not count drafts and trials being tested).
      resources: items.length,
      libraryId: row.library_id,
      descriptionZh: row.description_zh,
      descriptionEn: row.description_en,
      items,
    }
  }

  const staffGuide = async (caller: Caller, guideId: string) => {
    const row = await summaryColumns(db).where('g.id', '=', guideId).executeTakeFirst()
    if (!row || !servesLibrary(caller, row.library_id) || row.library_id !== caller.libraryId)
      throw new ProblemError('not_found')
    return row
  }

  /** Refuses resources not in the library's directory. */
  const checkItems = async (libraryId: string, input: Input) => {
    if (input.items.length === 0) return
    const ids = input.items.map((item) => item.resourceId)
    const own = await db
      .selectFrom('e_resources')
      .select('id')
      .where('library_id', '=', libraryId)
      .where('id', 'in', ids)
      .execute()
    const known = new Set(own.map((row) => row.id))
    const errors = input.items.flatMap((item, index) =>
      known.has(item.resourceId)
        ? []
        : [
            {
              path: `body.items.${index}.resourceId`,
              code: 'unknown_resource',
              message: {
                zh: '本馆目录里没有这个资源',
                en: 'This resource is not in the library’s directory',
              },
            },
          ],
    )
    if (errors.length > 0) throw new ProblemError('validation_failed', { errors })
  }

  /** Holds the library's discipline list while the guide is filed under it; refuses a code not on it. */
  const fileUnder = (trx: Kysely<DB>, libraryId: string, input: Input) =>
    disciplinesForFiling(trx, libraryId, input.discipline ? [input.discipline] : [], () => 'body.discipline')

  const writeItems = async (trx: Kysely<DB>, guideId: string, input: Input) => {
    await trx.deleteFrom('resource_guide_items').where('guide_id', '=', guideId).execute()
    if (input.items.length === 0) return
    await trx
      .insertInto('resource_guide_items')
      .values(
        input.items.map((item, position) => ({
          guide_id: guideId,
          resource_id: item.resourceId,
          position,
          note_zh: item.noteZh,
          note_en: item.noteEn,
        })),
      )
      .execute()
  }

  const columnsOf = (input: Input) => ({
    title_zh: input.titleZh,
    title_en: input.titleEn,
    description_zh: input.descriptionZh,
    description_en: input.descriptionEn,
    discipline: input.discipline,
  })

  const audit = (
    trx: Kysely<DB>,
    caller: Caller,
    requestId: string,
    action: string,
    row: GuideRow,
    after: Record<string, unknown>,
  ) =>
    recordAudit(trx, {
      caller,
      requestId,
      libraryId: row.library_id,
      action,
      entityType: 'resource_guide',
      entityId: row.id,
      entityLabel: row.title_zh,
      before: { titleZh: row.title_zh, status: row.status, resources: row.resources },
      after,
    })

  return {
    list: async (caller: Caller | undefined, query: z.output<typeof guides.listGuides.query>) => {
      const library = await libraryOf(caller, query.library)
      const staff = servesLibrary(caller, library.id)
      const rows = await summaryColumns(db, staff ? undefined : todayIn(library.time_zone, ctx.now()))
        .where('g.library_id', '=', library.id)
        .$if(!staff, (q) => q.where('g.status', '=', 'published'))
        .$if(query.discipline !== undefined, (q) => q.where('g.discipline', '=', query.discipline!))
        .orderBy('g.title_zh')
        .execute()
      return { items: rows.map(presentGuide) }
    },

    byCode: async (caller: Caller | undefined, code: string, withoutVpn: boolean) => {
      const row = await summaryColumns(db).where('g.code', '=', code).executeTakeFirst()
      if (!row || (row.status !== 'published' && !servesLibrary(caller, row.library_id)))
        throw new ProblemError('not_found')
      return detail(caller, row, withoutVpn)
    },

    create: async (caller: Caller, requestId: string, input: Input) => {
      const libraryId = caller.libraryId
      if (!libraryId) throw new ProblemError('forbidden')
      await checkItems(libraryId, input)
      const id = uuidv7()
      for (let attempt = 0; ; attempt++) {
        try {
          await db.transaction().execute(async (trx) => {
            await fileUnder(trx, libraryId, input)
            await trx
              .insertInto('resource_guides')
              .values({
                id,
                library_id: libraryId,
                code: newCode(),
                created_by: caller.accountId,
                ...columnsOf(input),
              })
              .execute()
            await writeItems(trx, id, input)
            const row = (await summaryColumns(trx).where('g.id', '=', id).executeTakeFirst())!
            await recordAudit(trx, {
              caller,
              requestId,
              libraryId,
              action: 'resource_guide.created',
              entityType: 'resource_guide',
              entityId: id,
              entityLabel: input.titleZh,
              before: null,
              after: { titleZh: input.titleZh, status: row.status, resources: input.items.length },
            })
          })
          break
        } catch (error) {
          // Two guides drew the same code: draw again.
          if (!isUniqueViolation(error) || attempt >= 3) throw error
        }
      }
      return detail(caller, (await summaryColumns(db).where('g.id', '=', id).executeTakeFirst())!, false)
    },

    update: async (caller: Caller, requestId: string, guideId: string, input: Input) => {
      const before = await staffGuide(caller, guideId)
      await checkItems(before.library_id, input)
      await db.transaction().execute(async (trx) => {
        await fileUnder(trx, before.library_id, input)
        await trx
          .updateTable('resource_guides')
          .set({ ...columnsOf(input), updated_at: new Date() })
          .where('id', '=', guideId)
          .execute()
        await writeItems(trx, guideId, input)
        await audit(trx, caller, requestId, 'resource_guide.updated', before, {
          titleZh: input.titleZh,
          status: before.status,
          resources: input.items.length,
        })
      })
      return detail(caller, await staffGuide(caller, guideId), false)
    },

    setStatus: async (caller: Caller, requestId: string, guideId: string, status: 'draft' | 'published') => {
      const before = await staffGuide(caller, guideId)
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('resource_guides')
          .set({ status, updated_at: new Date() })
          .where('id', '=', guideId)
          .execute()
        await audit(trx, caller, requestId, 'resource_guide.status_changed', before, {
          titleZh: before.title_zh,
          status,
          resources: before.resources,
        })
      })
      return detail(caller, await staffGuide(caller, guideId), false)
    },

    /** Counts a visit through the short address; false when there is no published guide there. */
    visit: async (code: string) => {
      const guide = await db
        .selectFrom('resource_guides as g')
        .innerJoin('libraries as l', 'l.id', 'g.library_id')
        .select(['g.id', 'l.time_zone'])
        .where('g.code', '=', code)
        .where('g.status', '=', 'published')
        .executeTakeFirst()
      if (!guide) return false
      await db
        .insertInto('resource_guide_visits')
        .values({ guide_id: guide.id, day: todayIn(guide.time_zone, ctx.now()), visits: 1 })
        .onConflict((conflict) =>
          conflict
            .columns(['guide_id', 'day'])
            .doUpdateSet({ visits: sql`resource_guide_visits.visits + 1` }),
        )
        .execute()
      return true
    },
  }
}
