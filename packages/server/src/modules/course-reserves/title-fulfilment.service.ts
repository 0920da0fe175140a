import { courseTitles, titleFulfilment } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { CourseTitleStatus, DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { staffLibraryOf } from './course-reserves.access.ts'
import { titleLabel } from './course-titles.presenter.ts'
import type { TitleRow } from './course-titles.repository.ts'
import { publisherOfTitle } from './publishers.repository.ts'
import { presentTitleEvent } from './title-history.presenter.ts'
import { assignToSubjectLibrarians, historyOf, recordTitleEvents } from './title-history.repository.ts'

type Channel = courseTitles.TitleChannel
const { CHANNEL_LABELS, STATUS_LABELS } = courseTitles
const { TITLE_TRANSITIONS } = titleFulfilment

/** A status change, by staff (actorId) or by the system (null: a reserve item approved). */
export interface StatusMove {
  libraryId: string
  titleId: string
  to: CourseTitleStatus
  actorId: string | null
  now: Date
  channel?: Channel | null | undefined
  link?: { url: string; platform?: string | undefined } | null | undefined
  reason?: string | null | undefined
  note?: string | null | undefined
  /** Who accepted the e-holdings match the title is published with, when it is. */
  matchedBy?: string | null | undefined
}

/** A title of the library; 404 when the library has none such. */
export const titleOf = async (db: Kysely<DB>, libraryId: string, titleId: string) => {
  const title = await db
    .selectFrom('course_titles')
    .selectAll()
    .where('id', '=', titleId)
    .where('library_id', '=', libraryId)
    .executeTakeFirst()
  if (!title) throw new ProblemError('not_found')
  return title
}

/** A title of the library, locked for a change of its status; 404 when the library has none such. */
export const lockTitle = async (trx: Kysely<DB>, libraryId: string, titleId: string) => {
  const title = await trx
    .selectFrom('course_titles')
    .selectAll()
    .where('id', '=', titleId)
    .where('library_id', '=', libraryId)
    .forUpdate()
    .executeTakeFirst()
  if (!title) throw new ProblemError('not_found')
  return title
}

const list = (statuses: readonly CourseTitleStatus[], language: 'zh' | 'en') =>
  statuses.map((status) => STATUS_LABELS[status][language]).join(language === 'zh' ? '、' : ', ')

/** 409 `invalid_title_transition`, naming the statuses the title may go to instead. */
export const invalidTransition = (from: CourseTitleStatus, to: CourseTitleStatus) => {
  const allowed = TITLE_TRANSITIONS[from]
  return new ProblemError('invalid_title_transition', {
    detail: {
      zh: `教参的状态是“${STATUS_LABELS[from].zh}”，不能改为“${STATUS_LABELS[to].zh}”；可以改为：${list(allowed, 'zh')}。`,
      en: `The title is ${STATUS_LABELS[from].en.toLowerCase()} and cannot become ${STATUS_LABELS[to].en.toLowerCase()}; it can become: ${list(allowed, 'en')}.`,
    },
    extensions: { from, to, allowed },
  })
}

const fieldProblem = (path: string, code: string, zh: string, en: string) =>
  new ProblemError('validation_failed', { errors: [{ path, code, message: { zh, en } }] })

/** The move itself; `byItem` publishes from any status without a link of its own. */
const moveTitle = async (trx: Kysely<DB>, move: StatusMove, byItem: boolean) => {
  const before = await lockTitle(trx, move.libraryId, move.titleId)
  const publishing = move.to === 'published'
  if (
    !(byItem && publishing && before.status !== 'published') &&
    !TITLE_TRANSITIONS[before.status].includes(move.to)
  )
    throw invalidTransition(before.status, move.to)
  if (publishing && !move.channel)
    throw fieldProblem('body.channel', 'channel_required', '请选择提供方式', 'Choose how it is provided')
  if (publishing && !byItem && !move.link?.url)
    throw fieldProblem('body.link.url', 'link_required', '请填写读者打开的链接', 'Give the link readers open')
  if (move.to === 'unavailable' && !move.reason?.trim())
    throw fieldProblem(
      'body.reason',
      'reason_required',
      '请填写无法提供的原因',
      'Give the reason it cannot be provided',
    )
  await trx
    .updateTable('course_titles')
    .set({
      status: move.to,
      channel: publishing ? move.channel! : null,
      link_url: publishing ? (move.link?.url ?? null) : null,
      link_platform:
        publishing && move.link ? (move.link.platform ?? CHANNEL_LABELS[move.channel!].zh) : null,
      published_at: publishing ? move.now : null,
      unavailable_reason: move.to === 'unavailable' ? move.reason!.trim() : null,
      ...(publishing
        ? move.matchedBy
          ? { matched_at: move.now, matched_by: move.matchedBy }
          : {}
        : { matched_at: null, matched_by: null }),
      updated_at: move.now,
    })
    .where('id', '=', before.id)
    .execute()
  if (before.status === 'published')
    await trx
      .updateTable('course_title_matches')
      .set({ state: 'proposed', decided_by: null, decided_at: null })
      .where('title_id', '=', before.id)
      .where('state', '=', 'accepted')
      .execute()
  const note =
    move.to === 'unavailable'
      ? [move.reason, move.note].filter((text) => text?.trim()).join(' — ')
      : (move.note ?? null)
  await recordTitleEvents(trx, [
    {
      libraryId: move.libraryId,
      titleId: before.id,
      at: move.now,
      actorId: move.actorId,
      kind: 'status',
      from: before.status,
      to: move.to,
      channel: publishing ? move.channel! : null,
      note,
    },
  ])
  const after = await trx
    .selectFrom('course_titles')
    .selectAll()
    .where('id', '=', before.id)
    .executeTakeFirstOrThrow()
  return { before, after }
}

/**
 * Moves a title to `to` if TITLE_TRANSITIONS allows it (else 409 `invalid_title_transition`,
 * naming where it may go), keeping what the status implies right: `published` has its channel,
 * its link and published_at = now; leaving `published` drops them and sends an accepted match
 * back to proposed; `unavailable` has its reason (else 400 `reason_required`). Recorded in the
 * title's history. Runs inside the caller's transaction; the title is locked.
 */
export const setTitleStatus = (trx: Kysely<DB>, move: StatusMove) => moveTitle(trx, move, false)

/**
 * Publishes a title because readers can now open it — a reserve item for it was approved, or a
 * match in the e-holdings accepted (`matchedBy`) — from whatever status it is in (`link` may be
 * null: the item is what readers open). A title already published stays as it is
 * (`changed: false`). Recorded in the title's history.
 */
export const publishTitle = async (
  trx: Kysely<DB>,
  input: Omit<StatusMove, 'to' | 'reason' | 'channel'> & { channel: Channel },
) => {
  const current = await lockTitle(trx, input.libraryId, input.titleId)
  if (current.status === 'published') return { before: current, after: current, changed: false }
  const moved = await moveTitle(trx, { ...input, to: 'published' }, true)
  return { ...moved, changed: true }
}

/** Assigns new titles nobody works on to their courses' subject librarians, in their history. */
export const assignNewTitles = async (
  trx: Kysely<DB>,
  libraryId: string,
  titleIds: readonly string[],
  now: Date,
) => {
  const assigned = await assignToSubjectLibrarians(trx, libraryId, titleIds)
  await recordTitleEvents(
    trx,
    assigned.map((row) => ({
      libraryId,
      titleId: row.id,
      at: now,
      actorId: null,
      kind: 'assigned' as const,
      assigneeId: row.assignee_id,
    })),
  )
  return assigned.length
}

/** The library's staff, the people titles can be assigned to. */
const staffOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.name', 'a.reader_number'])
    .where('a.library_id', '=', libraryId)
    .where('a.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('account_roles as r')
          .select('r.role')
          .whereRef('r.account_id', '=', 'a.id')
          .where('r.role', 'in', ['librarian', 'subject_librarian', 'library_admin']),
      ),
    )

/**
 * A title's fulfilment work for staff: its status and where it may go, who works on it, its
 * publisher and its history; status changes and reassignments.
 */
export const createTitleFulfilmentService = (ctx: AppContext) => {
  const { db } = ctx

  const work = async (trx: Kysely<DB>, title: TitleRow): Promise<titleFulfilment.TitleWork> => {
    const [assignee, publisher, history] = await Promise.all([
      title.assignee_id
        ? trx
            .selectFrom('accounts')
            .select(['id', 'name'])
            .where('id', '=', title.assignee_id)
            .executeTakeFirst()
        : undefined,
      publisherOfTitle(trx, title),
      historyOf(trx, title.id),
    ])
    return {
      id: title.id,
      status: title.status,
      channel: title.channel,
      link: title.link_url ? { url: title.link_url, platform: title.link_platform ?? '' } : null,
      unavailableReason: title.unavailable_reason,
      publishedAt: title.published_at?.toISOString() ?? null,
      assignee: assignee ?? null,
      publisher,
      next: [...TITLE_TRANSITIONS[title.status]],
      history: history.map(presentTitleEvent),
    }
  }

  /** Reassigns titles of the library to one of its staff (or nobody); answers how many changed. */
  const reassign = async (
    trx: Kysely<DB>,
    caller: Caller,
    requestId: string,
    titleIds: readonly string[],
    assigneeId: string | null,
    note?: string,
  ) => {
    const libraryId = staffLibraryOf(caller)
    if (assigneeId && !(await staffOf(trx, libraryId).where('a.id', '=', assigneeId).executeTakeFirst()))
      throw new ProblemError('unknown_assignee')
    const ids = [...new Set(titleIds)]
    const titles = await trx
      .selectFrom('course_titles')
      .selectAll()
      .where('library_id', '=', libraryId)
      .where('id', 'in', ids)
      .forUpdate()
      .execute()
    if (titles.length !== ids.length) throw new ProblemError('unknown_titles')
    const changing = titles.filter((title) => title.assignee_id !== assigneeId)
    if (changing.length === 0) return 0
    const now = ctx.now()
    await trx
      .updateTable('course_titles')
      .set({ assignee_id: assigneeId, updated_at: now })
      .where(
        'id',
        'in',
        changing.map((title) => title.id),
      )
      .execute()
    await recordTitleEvents(
      trx,
      changing.map((title) => ({
        libraryId,
        titleId: title.id,
        at: now,
        actorId: caller.accountId,
        kind: 'assigned' as const,
        assigneeId,
        note: note ?? null,
      })),
    )
    for (const title of changing)
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'course_title.assign',
        entityType: 'course_title',
        entityId: title.id,
        entityLabel: titleLabel(title),
        before: { assignee: title.assignee_id },
        after: { assignee: assigneeId },
      })
    return changing.length
  }

  return {
    work: async (caller: Caller, titleId: string) => {
      const libraryId = staffLibraryOf(caller)
      return work(db, await titleOf(db, libraryId, titleId))
    },

    changeStatus: async (
      caller: Caller,
      requestId: string,
      titleId: string,
      body: titleFulfilment.StatusChange,
    ) => {
      const libraryId = staffLibraryOf(caller)
      return db.transaction().execute(async (trx) => {
        const { before, after } = await setTitleStatus(trx, {
          libraryId,
          titleId,
          to: body.status,
          actorId: caller.accountId,
          now: ctx.now(),
          channel: body.channel,
          link: body.link,
          reason: body.reason,
          note: body.note,
        })
        const snapshot = (row: TitleRow) => ({
          status: row.status,
          channel: row.channel,
          link: row.link_url,
          reason: row.unavailable_reason,
        })
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'course_title.change_status',
          entityType: 'course_title',
          entityId: after.id,
          entityLabel: titleLabel(after),
          before: snapshot(before),
          after: snapshot(after),
        })
        return work(trx, after)
      })
    },

    assign: async (
      caller: Caller,
      requestId: string,
      titleId: string,
      assigneeId: string | null,
      note?: string,
    ) =>
      db.transaction().execute(async (trx) => {
        await reassign(trx, caller, requestId, [titleId], assigneeId, note)
        return work(trx, await titleOf(trx, staffLibraryOf(caller), titleId))
      }),

    assignMany: async (
      caller: Caller,
      requestId: string,
      titleIds: readonly string[],
      assigneeId: string | null,
    ) =>
      db.transaction().execute(async (trx) => ({
        assigned: await reassign(trx, caller, requestId, titleIds, assigneeId),
      })),

    /** The library's staff, subject librarians first, each with the departments they look after. */
    assignees: async (caller: Caller) => {
      const libraryId = staffLibraryOf(caller)
      const people = await staffOf(db, libraryId)
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('account_roles as r')
                .select('r.role')
                .whereRef('r.account_id', '=', 'a.id')
                .where('r.role', '=', 'subject_librarian'),
            )
            .as('subject_librarian'),
        )
        .orderBy('a.name')
        .execute()
      const departments = await db
        .selectFrom('subject_assignments as s')
        .innerJoin('departments as d', 'd.id', 's.department_id')
        .select(['s.account_id', 'd.id', 'd.name_zh'])
        .where('s.library_id', '=', libraryId)
        .orderBy('d.code')
        .execute()
      return {
        items: people
          .map((person) => ({
            id: person.id,
            name: person.name,
            readerNumber: person.reader_number,
            subjectLibrarian: !!person.subject_librarian,
            departments: departments
              .filter((row) => row.account_id === person.id)
              .map((row) => ({ id: row.id, nameZh: row.name_zh })),
          }))
          .sort((a, b) => Number(b.subjectLibrarian) - Number(a.subjectLibrarian)),
      }
    },
  }
}
