import { access, type eResources, type RouteKind } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { type Caller, isStaff, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, invalidCursor, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { type AccessSettings, accessRoutes } from './access-links.ts'
import { SHIPPED_PLATFORMS } from './access-platforms.ts'
import { disciplinesForFiling } from './disciplines.service.ts'
import { auditSnapshot, presentDetail, presentRouteSetting, presentSummary } from './e-resources.presenter.ts'
import * as repo from './e-resources.repository.ts'
import { guideVisitsBetween } from './guide-visits.ts'
import { type DisciplineName, indexedColumnsOf, vocabularyOf } from './resource-names.ts'

type ListQuery = z.output<typeof eResources.listResources.query>
type Input = z.output<typeof eResources.ResourceInput>

const EMPTY_SETTINGS: AccessSettings = access.AccessSettings.parse({})

// Ranked search results have no natural key to continue from: the cursor is a bounded offset.
const MAX_OFFSET = 5_000
const offsetOf = (cursor: string | undefined) => {
  if (cursor === undefined) return 0
  const offset = /^\d{1,4}$/.test(cursor) ? Number(cursor) : Number.NaN
  if (!(offset >= 0 && offset <= MAX_OFFSET)) {
    throw invalidCursor()
  }
  return offset
}

/** Staff of the resource's library (or a consortium admin over it) see and change every status. */
export const servesLibrary = (caller: Caller | undefined, libraryId: string) =>
  !!caller &&
  (isStaff(caller) || caller.roles.has('consortium_admin')) &&
  scopeIncludes(scopeOf(caller), libraryId)

export const loadAccessSettings = async (db: Kysely<DB>, libraryId: string) => {
  const row = await repo.accessSettingsOf(db, libraryId)
  return {
    settings: row ? access.AccessSettings.parse(row.settings) : EMPTY_SETTINGS,
    updatedAt: row?.updated_at ?? null,
  }
}

/** The shipped federated-login templates with the library's own changes and additions. */
export const platformTemplates = async (db: Kysely<DB>, libraryId: string) => {
  const own = await repo.platformsOf(db, libraryId)
  const byCode = new Map<string, access.AccessPlatform>(
    SHIPPED_PLATFORMS.map((platform) => [platform.code, { ...platform, custom: false }]),
  )
  for (const row of own) {
    byCode.set(row.code, {
      code: row.code,
      name: row.name,
      template: row.template,
      confirmed: row.confirmed,
      hosts: row.hosts,
      soft404Phrases: row.soft404_phrases,
      loginPhrases: row.login_phrases,
      custom: true,
    })
  }
  return [...byCode.values()]
}

export const createEResourcesService = (ctx: AppContext) => {
  const { db } = ctx

  const libraryFor = async (caller: Caller | undefined, code: string | undefined) => {
    if (code) {
      const library = await repo.findLibraryByCode(db, code)
      if (!library) throw new ProblemError('not_found')
      return library
    }
    if (!caller?.libraryId) {
      throw fieldProblem('query.library', 'required', '请指明图书馆', 'Name the library')
    }
    return db
      .selectFrom('libraries')
      .select(['id', 'time_zone'])
      .where('id', '=', caller.libraryId)
      .executeTakeFirstOrThrow()
  }

  /** The resource as the caller may see it; a stranger to an unpublished one gets 404. */
  const visible = async (caller: Caller | undefined, resourceId: string) => {
    const row = await repo.findResource(db, resourceId)
    if (!row) throw new ProblemError('not_found')
    const library = await db
      .selectFrom('libraries')
      .select('time_zone')
      .where('id', '=', row.library_id)
      .executeTakeFirstOrThrow()
    const today = todayIn(library.time_zone, ctx.now())
    const staff = servesLibrary(caller, row.library_id)
    const readerMay =
      row.status === 'published' &&
      (!row.free_until || row.free_until >= today) &&
      // A signed-in reader uses their own library's links, never another's.
      (!caller?.libraryId || caller.libraryId === row.library_id)
    if (!staff && !readerMay) throw new ProblemError('not_found')
    return { row, today, staff, timeZone: library.time_zone }
  }

  /** A resource's routes as set, the library's settings, and what each route gives a reader. */
  const waysIn = async (row: repo.ResourceRow) => {
    const [routes, { settings }, platforms] = await Promise.all([
      repo.routesOf(db, row.id),
      loadAccessSettings(db, row.library_id),
      platformTemplates(db, row.library_id),
    ])
    const platform = platforms.find((each) => each.code === row.platform)
    const access = accessRoutes(settings, { url: row.url, routes: routes.map(presentRouteSetting) }, platform)
    return { routes, settings, access }
  }

  const detailOf = async (row: repo.ResourceRow, today: string, staff: boolean) => {
    const [{ routes, access: reachable }, tests] = await Promise.all([
      waysIn(row),
      staff ? repo.latestAccessTests(db, row.id) : Promise.resolve([]),
    ])
    return presentDetail(row, today, staff ? routes : null, reachable, tests)
  }

  /** Refuses an owner or platform the library does not have (subjects: see subjectsFiled). */
  const checkInput = async (libraryId: string, input: Input) => {
    if (input.ownerId) {
      const owner = await db
        .selectFrom('account_roles as ar')
        .innerJoin('accounts as a', 'a.id', 'ar.account_id')
        .select('a.id')
        .where('a.id', '=', input.ownerId)
        .where('a.library_id', '=', libraryId)
        .where('ar.role', 'in', ['librarian', 'subject_librarian', 'library_admin'])
        .executeTakeFirst()
      if (!owner) {
        throw fieldProblem(
          'body.ownerId',
          'unknown_owner',
          '负责馆员须是本馆工作人员',
          'The owner must work at this library',
        )
      }
    }
    if (input.platform && !(await platformTemplates(db, libraryId)).some((p) => p.code === input.platform)) {
      throw fieldProblem('body.platform', 'unknown_platform', '没有这个平台', 'There is no such platform')
    }
  }

  /** The library's discipline list, held while the resource is filed under it; unknown subjects refused. */
  const subjectsFiled = (trx: Kysely<DB>, libraryId: string, input: Input) =>
    disciplinesForFiling(trx, libraryId, input.subjects, (index) => `body.subjects.${index}`)

  const columnsOf = (input: Input, disciplines: readonly DisciplineName[]) => {
    return {
      name_zh: input.nameZh,
      name_en: input.nameEn,
      aliases: input.aliases,
      vendor: input.vendor,
      platform: input.platform,
      kind: input.kind,
      subjects: [...new Set(input.subjects)],
      description_zh: input.descriptionZh,
      description_en: input.descriptionEn,
      url: input.url,
      owner_id: input.ownerId,
      free_from: input.freeFrom,
      free_until: input.freeUntil,
      ...indexedColumnsOf(input, disciplines),
    }
  }

  const routeRowsOf = (input: Input) =>
    input.routes.map((route) => ({
      kind: route.kind,
      url: route.url,
      values: JSON.stringify(route.values),
      note_zh: route.noteZh,
      note_en: route.noteEn,
    }))

  const reread = async (trx: Kysely<DB>, resourceId: string) => {
    const row = (await repo.findResource(trx, resourceId))!
    return { row, routes: await repo.routesOf(trx, resourceId) }
  }

  return {
    list: async (caller: Caller | undefined, query: ListQuery) => {
      const library = await libraryFor(caller, query.library)
      const staff = servesLibrary(caller, library.id)
      const visibility = { readersOnly: !staff, today: todayIn(library.time_zone, ctx.now()) }
      const offset = offsetOf(query.cursor)
      const corrections = query.q ? await repo.correctionsOf(db, library.id, query.q) : undefined
      const [rows, initials] = await Promise.all([
        repo
          .directory(db, library.id, query, visibility, corrections)
          .offset(offset)
          .limit(query.limit + 1)
          .execute(),
        offset === 0 ? repo.initialsOf(db, library.id, visibility) : Promise.resolve([]),
      ])
      const more = rows.length > query.limit && offset + query.limit < MAX_OFFSET
      return {
        items: rows.slice(0, query.limit).map((row) => presentSummary(row, visibility.today)),
        nextCursor: more ? String(offset + query.limit) : null,
        initials,
      }
    },

    usage: async (caller: Caller, from: string, to: string) => {
      const libraryId = caller.libraryId
      if (!libraryId) throw new ProblemError('forbidden')
      const [rows, days, guides] = await Promise.all([
        db
          .selectFrom('e_resource_clicks as c')
          .innerJoin('e_resources as r', 'r.id', 'c.resource_id')
          .select([
            'c.resource_id',
            'r.name_zh',
            'r.name_en',
            'c.route',
            (eb) => eb.fn.sum<number>('c.clicks').as('clicks'),
          ])
          .where('c.library_id', '=', libraryId)
          .where('c.day', '>=', from)
          .where('c.day', '<=', to)
          .groupBy(['c.resource_id', 'r.name_zh', 'r.name_en', 'c.route'])
          .orderBy('clicks', 'desc')
          .orderBy('r.name_zh')
          .execute(),
        db
          .selectFrom('e_resource_clicks')
          .select(['day', (eb) => eb.fn.sum<number>('clicks').as('clicks')])
          .where('library_id', '=', libraryId)
          .where('day', '>=', from)
          .where('day', '<=', to)
          .groupBy('day')
          .orderBy('day')
          .execute(),
        guideVisitsBetween(db, libraryId, from, to),
      ])
      return {
        items: rows.map((row) => ({
          resourceId: row.resource_id,
          nameZh: row.name_zh,
          nameEn: row.name_en,
          route: row.route,
          clicks: Number(row.clicks),
        })),
        days: days.map((row) => ({ day: row.day, clicks: Number(row.clicks) })),
        guides: guides.map((row) => ({
          guideId: row.id,
          code: row.code,
          titleZh: row.title_zh,
          titleEn: row.title_en,
          visits: Number(row.visits),
        })),
      }
    },

    /** What /go needs of a resource any reader may open: where it is, the campus, every way in. */
    goTarget: async (resourceId: string) => {
      const { row, timeZone } = await visible(undefined, resourceId)
      const { settings, access } = await waysIn(row)
      return {
        libraryId: row.library_id,
        timeZone,
        url: row.url,
        campusNetworks: settings.campusNetworks,
        routes: access,
      }
    },

    detail: async (caller: Caller | undefined, resourceId: string) => {
      const { row, today, staff } = await visible(caller, resourceId)
      return detailOf(row, today, staff)
    },

    create: async (caller: Caller, requestId: string, input: Input) => {
      const libraryId = caller.libraryId
      if (!libraryId) throw new ProblemError('forbidden')
      await checkInput(libraryId, input)
      const id = uuidv7()
      const created = await db.transaction().execute(async (trx) => {
        const disciplines = await subjectsFiled(trx, libraryId, input)
        await trx
          .insertInto('e_resources')
          .values({ id, library_id: libraryId, ...columnsOf(input, disciplines), status: 'draft' })
          .execute()
        await repo.replaceRoutes(trx, id, routeRowsOf(input))
        await repo.rememberWords(trx, libraryId, vocabularyOf(input))
        const after = await reread(trx, id)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'e_resource.created',
          entityType: 'e_resource',
          entityId: id,
          entityLabel: input.nameZh,
          before: null,
          after: auditSnapshot(after.row, after.routes),
        })
        return after.row
      })
      const library = await libraryFor(caller, undefined)
      return detailOf(created, todayIn(library.time_zone, ctx.now()), true)
    },

    update: async (caller: Caller, requestId: string, resourceId: string, input: Input) => {
      const { row: before, today, staff } = await visible(caller, resourceId)
      if (!staff || before.library_id !== caller.libraryId) throw new ProblemError('not_found')
      await checkInput(before.library_id, input)
      const updated = await db.transaction().execute(async (trx) => {
        const disciplines = await subjectsFiled(trx, before.library_id, input)
        const routesBefore = await repo.routesOf(trx, resourceId)
        await trx
          .updateTable('e_resources')
          .set({ ...columnsOf(input, disciplines), updated_at: new Date() })
          .where('id', '=', resourceId)
          .execute()
        await repo.replaceRoutes(trx, resourceId, routeRowsOf(input))
        await repo.rememberWords(trx, before.library_id, vocabularyOf(input))
        const after = await reread(trx, resourceId)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: before.library_id,
          action: 'e_resource.updated',
          entityType: 'e_resource',
          entityId: resourceId,
          entityLabel: input.nameZh,
          before: auditSnapshot(before, routesBefore),
          after: auditSnapshot(after.row, after.routes),
        })
        return after.row
      })
      return detailOf(updated, today, true)
    },

    recordAccessTest: async (
      caller: Caller,
      requestId: string,
      resourceId: string,
      test: { route: RouteKind; works: boolean; note: string | null },
    ) => {
      const { row, today, staff } = await visible(caller, resourceId)
      if (!staff || row.library_id !== caller.libraryId) throw new ProblemError('not_found')
      const routes = await repo.routesOf(db, resourceId)
      if (!routes.some((route) => route.kind === test.route)) {
        throw fieldProblem(
          'body.route',
          'unknown_route',
          '这个资源没有这种访问方式',
          'This resource has no such route',
        )
      }
      await db.transaction().execute(async (trx) => {
        const id = uuidv7()
        await trx
          .insertInto('e_resource_access_tests')
          .values({
            id,
            resource_id: resourceId,
            route: test.route,
            works: test.works,
            note: test.note,
            tested_by: caller.accountId,
          })
          .execute()
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: row.library_id,
          action: 'e_resource.access_tested',
          entityType: 'e_resource',
          entityId: resourceId,
          entityLabel: row.name_zh,
          before: null,
          after: { route: test.route, works: test.works, note: test.note },
        })
      })
      return detailOf(row, today, true)
    },

    changeStatus: async (
      caller: Caller,
      requestId: string,
      resourceId: string,
      status: eResources.ResourceSummary['status'],
    ) => {
      const { row: before, today, staff } = await visible(caller, resourceId)
      if (!staff || before.library_id !== caller.libraryId) throw new ProblemError('not_found')
      if (status === 'published' && before.free_until && before.free_until < today) {
        throw fieldProblem(
          'body.status',
          'free_period_over',
          '限时免费期已结束，请先修改结束日期',
          'The free period is over; change its end date first',
        )
      }
      const updated = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('e_resources')
          .set({ status, updated_at: new Date() })
          .where('id', '=', resourceId)
          .execute()
        const after = (await repo.findResource(trx, resourceId))!
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: before.library_id,
          action: 'e_resource.status_changed',
          entityType: 'e_resource',
          entityId: resourceId,
          entityLabel: before.name_zh,
          before: auditSnapshot(before),
          after: auditSnapshot(after),
        })
        return after
      })
      return detailOf(updated, today, true)
    },
  }
}
