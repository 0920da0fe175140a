import { type courseTitles, isbn13Of } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { findTerm, staffLibraryOf } from './course-reserves.access.ts'
import { currentTerm } from './course-reserves.repository.ts'
import { presentStaffTitle, titleLabel } from './course-titles.presenter.ts'
import * as repo from './course-titles.repository.ts'
import { lockTitle, publishTitle } from './title-fulfilment.service.ts'
import { assigneesOf, recordTitleEvents } from './title-history.repository.ts'
import { proposeMatches } from './title-matching.ts'

type ListQuery = z.output<typeof courseTitles.TitleListQuery>

/** Staff's view of a term's titles, and their decisions on proposed matches. */
export const createTitleListService = (ctx: AppContext) => {
  const { db } = ctx

  const present = async (trx: Kysely<DB>, rows: readonly repo.TitleRow[]) => {
    const ids = rows.map((row) => row.id)
    const [courses, matches, assignees] = await Promise.all([
      repo.coursesOfTitles(trx, ids),
      repo.matchesOfTitles(trx, ids),
      assigneesOf(trx, rows),
    ])
    return rows.map((row) => ({
      ...presentStaffTitle(row, courses.get(row.id) ?? [], matches.get(row.id)),
      assignee: (row.assignee_id && assignees.get(row.assignee_id)) || null,
    }))
  }

  /** The title of the caller's library and one of its matches, locked for the decision. */
  const load = async (trx: Kysely<DB>, caller: Caller, titleId: string, matchId: string) => {
    const libraryId = staffLibraryOf(caller)
    const title = await lockTitle(trx, libraryId, titleId)
    const match = await trx
      .selectFrom('course_title_matches as m')
      .innerJoin('e_holding_platforms as p', 'p.id', 'm.platform_id')
      .selectAll('m')
      .select(['p.name as platform_name', 'p.open_access'])
      .where('m.id', '=', matchId)
      .where('m.title_id', '=', title.id)
      .executeTakeFirst()
    if (!match) throw new ProblemError('not_found')
    return { title, match }
  }

  const decide = (
    caller: Caller,
    requestId: string,
    titleId: string,
    matchId: string,
    action: 'accept' | 'reject',
  ) =>
    db.transaction().execute(async (trx) => {
      const { title, match } = await load(trx, caller, titleId, matchId)
      const now = ctx.now()
      const decided = { decided_by: caller.accountId, decided_at: now }
      if (action === 'accept') {
        await trx
          .updateTable('course_title_matches')
          .set({ state: 'accepted', ...decided })
          .where('id', '=', match.id)
          .execute()
        // The fulfilment workflow's own move, as for an approved reserve item: in the title's
        // history, and a title already published (by an item, or another match) stays as it is.
        await publishTitle(trx, {
          libraryId: title.library_id,
          titleId: title.id,
          actorId: caller.accountId,
          now,
          channel: match.open_access || match.free ? 'open_access' : 'owned_platform',
          link: { url: match.url, platform: match.platform_name },
          note: `${match.platform_name}: ${match.url}`,
          matchedBy: caller.accountId,
        })
      } else {
        await trx
          .updateTable('course_title_matches')
          .set({ state: 'rejected', ...decided })
          .where('id', '=', match.id)
          .execute()
        // Undoing the match the title was published with takes it back to requested; a title
        // published some other way keeps what readers open.
        if (match.state === 'accepted' && title.status === 'published' && title.link_url === match.url) {
          await trx
            .updateTable('course_titles')
            .set({
              status: 'requested',
              channel: null,
              link_url: null,
              link_platform: null,
              matched_at: null,
              matched_by: null,
              published_at: null,
              updated_at: now,
            })
            .where('id', '=', title.id)
            .execute()
          await recordTitleEvents(trx, [
            {
              libraryId: title.library_id,
              titleId: title.id,
              at: now,
              actorId: caller.accountId,
              kind: 'status',
              from: title.status,
              to: 'requested',
              channel: null,
              note: `${match.platform_name}: ${match.url}`,
            },
          ])
        }
      }
      const after = await trx
        .selectFrom('course_titles')
        .selectAll()
        .where('id', '=', title.id)
        .executeTakeFirstOrThrow()
      const snapshot = (row: repo.TitleRow) => ({
        status: row.status,
        channel: row.channel,
        link: row.link_url ? `${row.link_platform}: ${row.link_url}` : null,
      })
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: title.library_id,
        action: action === 'accept' ? 'course_title.accept_match' : 'course_title.reject_match',
        entityType: 'course_title',
        entityId: title.id,
        entityLabel: titleLabel(title),
        before: { ...snapshot(title), match: null },
        after: { ...snapshot(after), match: `${match.platform_name}: ${match.url}` },
      })
      return (await present(trx, [after]))[0]!
    })

  return {
    list: async (caller: Caller, query: ListQuery) => {
      const libraryId = staffLibraryOf(caller)
      const termId = query.termId
        ? (await findTerm(db, libraryId, query.termId)).id
        : ((await currentTerm(db, libraryId))?.id ?? null)
      if (!termId)
        return {
          items: [],
          nextCursor: null,
          termId: null,
          summary: { total: 0, published: 0, proposed: 0, unmatched: 0 },
        }
      const rows = await repo.titlesOfTerm(
        db,
        termId,
        {
          ...query,
          isbn13: query.q ? isbn13Of(query.q) : null,
          assignee: query.assignee === 'me' ? caller.accountId : query.assignee,
        },
        { after: query.cursor, limit: query.limit + 1 },
      )
      const page = rows.slice(0, query.limit)
      return {
        items: await present(db, page),
        nextCursor: rows.length > query.limit ? page.at(-1)!.id : null,
        termId,
        summary: await repo.termSummary(db, termId),
      }
    },

    accept: (caller: Caller, requestId: string, titleId: string, matchId: string) =>
      decide(caller, requestId, titleId, matchId, 'accept'),

    reject: (caller: Caller, requestId: string, titleId: string, matchId: string) =>
      decide(caller, requestId, titleId, matchId, 'reject'),

    /** Matches every requested title of the caller's library against its e-holdings now. */
    matchAll: async (caller: Caller) => proposeMatches(db, staffLibraryOf(caller)),
  }
}
