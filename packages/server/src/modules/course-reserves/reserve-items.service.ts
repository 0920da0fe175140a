import type { Readable } from 'node:stream'
import type { reserveItems } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { attachFile, registerFileAccess, storeUpload } from '../../platform/files/files.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { staffLibraryOf, viewpointOn } from './course-reserves.access.ts'
import { type CourseRow, courseById } from './course-reserves.repository.ts'
import type { ItemAccess } from './item-access.ts'
import { allotItemPermalink, coursePermalinkCode, permalinkPath } from './permalinks.ts'
import { presentItem, presentReaderItem } from './reserve-items.presenter.ts'
import * as repo from './reserve-items.repository.ts'
import { publishTitle } from './title-fulfilment.service.ts'

type NewItem = z.output<typeof reserveItems.NewItem>
type ItemChange = z.output<typeof reserveItems.ItemChange>
type Channel = NonNullable<NewItem['channel']>

/** The PDF policy of reserve items: PDFs only, up to the upload limit. */
const PDF_POLICY = { kinds: ['pdf'] as const }

const dayOf = async (db: Kysely<DB>, libraryId: string, now: Date) =>
  todayIn(await libraryTimeZone(db, libraryId), now)

/** The course and the caller's standing in it: its staff, teachers or students; 403/404 otherwise. */
const courseFor = async (db: Kysely<DB>, caller: Caller, courseId: string) => {
  const course = await courseById(db, courseId)
  if (!course) throw new ProblemError('not_found')
  return { course, viewpoint: await viewpointOn(db, caller, course) }
}

/** As courseFor, for changing a course's items: its teachers and staff; students 403 `course_not_taught`. */
const courseToChange = async (db: Kysely<DB>, caller: Caller, courseId: string) => {
  const found = await courseFor(db, caller, courseId)
  if (found.viewpoint === 'student') throw new ProblemError('course_not_taught')
  return found as { course: CourseRow; viewpoint: 'staff' | 'teacher' }
}

const courseSummary = (course: { id: string; code: string; name_zh: string; name_en: string | null }) => ({
  id: course.id,
  code: course.code,
  nameZh: course.name_zh,
  nameEn: course.name_en,
})

/**
 * A course's reserve items: added by its teachers (to the staff review queue) or by staff
 * (approved at once), corrected and reviewed by staff, their copyright recorded, and delivered
 * to the teachers as links and embed snippets.
 */
export const createReserveItemsService = (ctx: AppContext, access: ItemAccess) => {
  const { db } = ctx

  const itemView = async (libraryId: string, itemId: string) => {
    const row = await repo.itemById(db, itemId, await dayOf(db, libraryId, ctx.now()))
    if (!row) throw new ProblemError('not_found')
    return presentItem(row, await repo.shareLimitOf(db, libraryId))
  }

  /** The item of the caller's library, for staff. */
  const staffItem = async (caller: Caller, itemId: string) => {
    const libraryId = staffLibraryOf(caller)
    const item = await db
      .selectFrom('course_reserve_items')
      .selectAll()
      .where('id', '=', itemId)
      .where('library_id', '=', libraryId)
      .executeTakeFirst()
    if (!item) throw new ProblemError('not_found')
    return item
  }

  const audit = (
    trx: Kysely<DB>,
    caller: Caller,
    requestId: string,
    item: { id: string; library_id: string; name: string },
    action: string,
    change: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
  ) =>
    recordAudit(trx, {
      caller,
      requestId,
      libraryId: item.library_id,
      action,
      entityType: 'course_reserve_item',
      entityId: item.id,
      entityLabel: item.name,
      ...change,
    })

  /** Publishes the item's title, when it has one, with the channel chosen (digitised by default for a PDF). */
  const publishTitleOf = async (
    trx: Kysely<DB>,
    item: { title_id: string | null; library_id: string; kind: 'link' | 'file'; id: string },
    channel: Channel | null,
    actorId: string,
  ) => {
    if (!item.title_id) return
    const code = await trx
      .selectFrom('course_reserve_permalinks')
      .select('code')
      .where('item_id', '=', item.id)
      .executeTakeFirstOrThrow()
    // The fulfilment workflow's own move: the title is locked, its history records it, and a
    // title already published stays as it was.
    await publishTitle(trx, {
      libraryId: item.library_id,
      titleId: item.title_id,
      actorId,
      now: ctx.now(),
      channel: channel ?? (item.kind === 'file' ? 'digitised' : 'owned_platform'),
      link: { url: permalinkPath(code.code) },
    })
  }

  return {
    list: async (caller: Caller, courseId: string) => {
      const { course, viewpoint } = await courseFor(db, caller, courseId)
      // What readers opened a moment ago counts too.
      await access.flush()
      const [rows, limit, waiting, code] = await Promise.all([
        repo.itemsOfCourse(db, course.id, await dayOf(db, course.library_id, ctx.now())),
        repo.shareLimitOf(db, course.library_id),
        repo.waitingTitles(db, course.id),
        coursePermalinkCode(db, course),
      ])
      return {
        course: courseSummary(course),
        viewpoint,
        permalink: permalinkPath(code),
        shareLimitPercent: limit,
        items: viewpoint === 'student' ? [] : rows.map((row) => presentItem(row, limit)),
        readerItems: rows.filter((row) => row.review_status === 'approved').map(presentReaderItem),
        waiting: waiting.map((title) => ({
          id: title.id,
          title: title.title,
          author: title.author,
          isbn13: title.isbn13,
          status: title.status,
        })),
      }
    },

    /** Stores a PDF for one of the course's items; anything else is 400 `not_a_pdf`. */
    upload: async (
      caller: Caller,
      courseId: string,
      file: { stream: Readable; filename: string | undefined },
    ) => {
      await courseToChange(db, caller, courseId)
      const stored = await storeUpload(ctx, caller, file.stream, {
        filename: file.filename,
        policy: PDF_POLICY,
      }).catch((caught: unknown) => {
        if (caught instanceof ProblemError && caught.code === 'file_type_not_allowed')
          throw new ProblemError('not_a_pdf')
        throw caught
      })
      return { id: stored.id, name: stored.name, size: stored.size }
    },

    create: async (caller: Caller, requestId: string, courseId: string, input: NewItem) => {
      const { course, viewpoint } = await courseToChange(db, caller, courseId)
      if (input.titleId) {
        const asked = await db
          .selectFrom('course_title_requests')
          .select('title_id')
          .where('course_id', '=', course.id)
          .where('title_id', '=', input.titleId)
          .executeTakeFirst()
        if (!asked)
          throw fieldProblem(
            'body.titleId',
            'unknown_title',
            '这门课程没有申请这个教参',
            'This course has not asked for this title',
          )
      }
      const id = uuidv7()
      const approved = viewpoint === 'staff'
      const now = ctx.now()
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('course_reserve_items')
          .values({
            id,
            library_id: course.library_id,
            course_id: course.id,
            title_id: input.titleId,
            kind: input.kind,
            name: input.name,
            note: input.note,
            link_url: input.kind === 'link' ? input.url! : null,
            file_id: input.kind === 'file' ? input.fileId! : null,
            downloadable: input.downloadable,
            seat_limit: input.seatLimit,
            seat_minutes: input.seatMinutes,
            pages_used: input.pagesUsed,
            pages_total: input.pagesTotal,
            permission: input.permission,
            permission_source: input.permissionSource,
            publish_channel: input.channel,
            review_status: approved ? 'approved' : 'pending',
            reviewed_by: approved ? caller.accountId : null,
            reviewed_at: approved ? now : null,
            added_by: caller.accountId,
            created_at: now,
            updated_at: now,
          })
          .execute()
        if (input.kind === 'file') {
          const file = await attachFile(trx, input.fileId!, {
            ownerKind: 'course_reserve_item',
            ownerId: id,
            libraryId: course.library_id,
            byAccountId: caller.accountId,
          })
          if (file.mediaType !== 'application/pdf') throw new ProblemError('not_a_pdf')
        }
        await allotItemPermalink(trx, { libraryId: course.library_id, courseId: course.id, itemId: id })
        if (approved)
          await publishTitleOf(
            trx,
            { id, title_id: input.titleId, library_id: course.library_id, kind: input.kind },
            input.channel,
            caller.accountId,
          )
        await audit(
          trx,
          caller,
          requestId,
          { id, library_id: course.library_id, name: input.name },
          'course_reserve_item.create',
          {
            before: null,
            after: {
              courseId: course.id,
              kind: input.kind,
              name: input.name,
              review: approved ? 'approved' : 'pending',
            },
          },
        )
      })
      access.forget()
      return itemView(course.library_id, id)
    },

    update: async (caller: Caller, requestId: string, itemId: string, change: ItemChange) => {
      const item = await staffItem(caller, itemId)
      if (change.url !== undefined && item.kind !== 'link')
        throw fieldProblem(
          'body.url',
          'not_a_link',
          '这份教参是文件，没有链接',
          'This item is a file, not a link',
        )
      const pagesUsed = change.pagesUsed !== undefined ? change.pagesUsed : item.pages_used
      const pagesTotal = change.pagesTotal !== undefined ? change.pagesTotal : item.pages_total
      if (pagesUsed !== null && pagesTotal !== null && pagesUsed > pagesTotal)
        throw fieldProblem(
          'body.pagesUsed',
          'pages_over_total',
          '使用页数不能多于总页数',
          'The pages used cannot be more than the total',
        )
      const values = {
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.note !== undefined ? { note: change.note } : {}),
        ...(change.url !== undefined ? { link_url: change.url } : {}),
        ...(change.downloadable !== undefined ? { downloadable: change.downloadable } : {}),
        ...(change.seatLimit !== undefined ? { seat_limit: change.seatLimit } : {}),
        ...(change.seatMinutes !== undefined ? { seat_minutes: change.seatMinutes } : {}),
        ...(change.pagesUsed !== undefined ? { pages_used: change.pagesUsed } : {}),
        ...(change.pagesTotal !== undefined ? { pages_total: change.pagesTotal } : {}),
        ...(change.permission !== undefined ? { permission: change.permission } : {}),
        ...(change.permissionSource !== undefined ? { permission_source: change.permissionSource } : {}),
        ...(change.channel !== undefined ? { publish_channel: change.channel } : {}),
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('course_reserve_items')
          .set({ ...values, updated_at: ctx.now() })
          .where('id', '=', item.id)
          .execute()
        await audit(trx, caller, requestId, item, 'course_reserve_item.update', {
          before: Object.fromEntries(Object.keys(values).map((key) => [key, item[key as keyof typeof item]])),
          after: values,
        })
      })
      access.forget()
      return itemView(item.library_id, item.id)
    },

    remove: async (caller: Caller, requestId: string, itemId: string) => {
      const item = await db
        .selectFrom('course_reserve_items')
        .selectAll()
        .where('id', '=', itemId)
        .executeTakeFirst()
      if (!item) throw new ProblemError('not_found')
      await courseToChange(db, caller, item.course_id)
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('course_reserve_items').where('id', '=', item.id).execute()
        await audit(trx, caller, requestId, item, 'course_reserve_item.delete', {
          before: { name: item.name, kind: item.kind },
          after: null,
        })
      })
      access.forget()
    },

    reviews: async (caller: Caller, status: reserveItems.ReviewStatus) => {
      const libraryId = staffLibraryOf(caller)
      await access.flush()
      const [rows, limit] = await Promise.all([
        repo.itemsInReview(db, libraryId, status, await dayOf(db, libraryId, ctx.now())),
        repo.shareLimitOf(db, libraryId),
      ])
      return {
        items: rows.map((row) => ({
          ...presentItem(row, limit),
          course: {
            id: row.course_id,
            code: row.course_code,
            nameZh: row.course_name_zh,
            nameEn: row.course_name_en,
          },
          addedBy: row.added_by_name,
        })),
      }
    },

    approve: async (caller: Caller, requestId: string, itemId: string, channel: Channel | null) => {
      const item = await staffItem(caller, itemId)
      if (item.review_status === 'approved') throw new ProblemError('illegal_transition')
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('course_reserve_items')
          .set({
            review_status: 'approved',
            rejected_reason: null,
            reviewed_by: caller.accountId,
            reviewed_at: ctx.now(),
            publish_channel: channel ?? item.publish_channel,
            updated_at: ctx.now(),
          })
          .where('id', '=', item.id)
          .execute()
        await publishTitleOf(trx, item, channel ?? item.publish_channel, caller.accountId)
        await audit(trx, caller, requestId, item, 'course_reserve_item.approve', {
          before: { review: item.review_status },
          after: { review: 'approved', channel: channel ?? item.publish_channel },
        })
      })
      access.forget()
      return itemView(item.library_id, item.id)
    },

    reject: async (caller: Caller, requestId: string, itemId: string, reason: string) => {
      const item = await staffItem(caller, itemId)
      if (item.review_status === 'rejected') throw new ProblemError('illegal_transition')
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('course_reserve_items')
          .set({
            review_status: 'rejected',
            rejected_reason: reason,
            reviewed_by: caller.accountId,
            reviewed_at: ctx.now(),
            updated_at: ctx.now(),
          })
          .where('id', '=', item.id)
          .execute()
        await audit(trx, caller, requestId, item, 'course_reserve_item.reject', {
          before: { review: item.review_status },
          after: { review: 'rejected', reason },
        })
      })
      access.forget()
      return itemView(item.library_id, item.id)
    },

    settings: async (caller: Caller) => ({
      shareLimitPercent: await repo.shareLimitOf(db, staffLibraryOf(caller)),
    }),

    saveSettings: async (caller: Caller, requestId: string, input: reserveItems.ItemSettings) => {
      const libraryId = staffLibraryOf(caller)
      const before = await repo.shareLimitOf(db, libraryId)
      await db.transaction().execute(async (trx) => {
        await repo.saveShareLimit(trx, libraryId, input.shareLimitPercent, ctx.now())
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'course_reserve_settings.update',
          entityType: 'library',
          entityId: libraryId,
          entityLabel: 'course reserve settings',
          before: { shareLimitPercent: before },
          after: input,
        })
      })
      return input
    },
  }
}

// A reserve item's PDF is read through its permalink; the files route serves it to the course's
// teachers and the library's staff (e.g. to check it under review).
registerFileAccess('course_reserve_item', async (ctx, caller, itemId) => {
  const item = await ctx.db
    .selectFrom('course_reserve_items')
    .select(['course_id', 'library_id'])
    .where('id', '=', itemId)
    .executeTakeFirst()
  if (!item) return false
  return viewpointOn(ctx.db, caller, { id: item.course_id, library_id: item.library_id }).then(
    (viewpoint) => viewpoint !== 'student',
    () => false,
  )
})
