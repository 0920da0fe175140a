import { REQUEST_TYPES, type requests, requestTypeOf } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { type Caller, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { findLibraryInScope } from '../../platform/libraries/libraries.repository.ts'

type StaffMember = requests.StaffMember
const STAFF_ROLES = ['librarian', 'subject_librarian', 'library_admin'] as const

/** Active staff of a library with the roles they hold and their open requests, by name. */
const staffOf = async (db: Kysely<DB>, libraryId: string): Promise<StaffMember[]> => {
  const rows = await db
    .selectFrom('accounts as a')
    .innerJoin('account_roles as role', 'role.account_id', 'a.id')
    .select(['a.id', 'a.name', 'a.reader_number'])
    .select((eb) => [
      eb.fn.agg<string[]>('array_agg', ['role.role']).as('roles'),
      eb
        .selectFrom('requests as r')
        .select((count) => count.fn.countAll<string>().as('n'))
        .whereRef('r.assignee_id', '=', 'a.id')
        .where('r.closed_at', 'is', null)
        .as('open_requests'),
    ])
    .where('a.library_id', '=', libraryId)
    .where('a.status', '=', 'active')
    .where('role.role', 'in', STAFF_ROLES)
    .groupBy(['a.id', 'a.name', 'a.reader_number'])
    .orderBy('a.name')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    readerNumber: row.reader_number,
    roles: [...row.roles].sort() as StaffMember['roles'],
    openRequests: Number(row.open_requests ?? 0),
  }))
}

/** Teams of staff per request type, and the staff to pick them from. */
export const createRequestTeamsService = (ctx: AppContext) => {
  const { db } = ctx

  const libraryInScope = async (caller: Caller, libraryId: string) => {
    if (!(await findLibraryInScope(db, scopeOf(caller), libraryId))) throw new ProblemError('not_found')
  }

  const teamsOf = async (trx: Kysely<DB>, libraryId: string) => {
    const staff = new Map((await staffOf(trx, libraryId)).map((member) => [member.id, member]))
    const rows = await trx
      .selectFrom('request_teams')
      .select(['type', 'account_id'])
      .where('library_id', '=', libraryId)
      .orderBy('added_at')
      .execute()
    return REQUEST_TYPES.map((type) => ({
      type: type.code as requests.RequestTeam['type'],
      members: rows.flatMap((row) => {
        const member = row.type === type.code ? staff.get(row.account_id) : undefined
        return member ? [member] : []
      }),
    }))
  }

  return {
    staff: async (caller: Caller, libraryId: string) => {
      await libraryInScope(caller, libraryId)
      return { items: await staffOf(db, libraryId) }
    },

    teams: async (caller: Caller, libraryId: string) => {
      await libraryInScope(caller, libraryId)
      return { items: await teamsOf(db, libraryId) }
    },

    setTeam: async (
      caller: Caller,
      auditRequestId: string,
      params: { libraryId: string; type: string },
      body: z.output<typeof requests.setRequestTeam.body>,
    ) => {
      await libraryInScope(caller, params.libraryId)
      const wanted = [...new Set(body.accountIds)]
      return db.transaction().execute(async (trx) => {
        const staff = new Set((await staffOf(trx, params.libraryId)).map((member) => member.id))
        const strangers = wanted.filter((id) => !staff.has(id))
        if (strangers.length > 0) {
          throw fieldProblem(
            'body.accountIds',
            'not_staff',
            '只能选择本馆在职的馆员',
            'Only active staff of this library can be in a team',
          )
        }
        const before = (await teamsOf(trx, params.libraryId)).find((team) => team.type === params.type)
        const keep = new Set(wanted)
        const dropped = (before?.members ?? [])
          .filter((member) => !keep.has(member.id))
          .map((member) => member.id)
        if (dropped.length > 0) {
          await trx
            .deleteFrom('request_teams')
            .where('library_id', '=', params.libraryId)
            .where('type', '=', params.type)
            .where('account_id', 'in', dropped)
            .execute()
        }
        if (wanted.length > 0) {
          await trx
            .insertInto('request_teams')
            .values(wanted.map((id) => ({ library_id: params.libraryId, type: params.type, account_id: id })))
            .onConflict((oc) => oc.columns(['library_id', 'type', 'account_id']).doNothing())
            .execute()
        }
        const after = (await teamsOf(trx, params.libraryId)).find((team) => team.type === params.type)!
        const names = (team: requests.RequestTeam | undefined) =>
          (team?.members ?? []).map((member) => member.name)
        await recordAudit(trx, {
          caller,
          requestId: auditRequestId,
          libraryId: params.libraryId,
          action: 'request.team.set',
          entityType: 'request_team',
          entityId: params.libraryId,
          entityLabel: requestTypeOf(params.type)?.name.zh ?? params.type,
          before: { members: names(before) },
          after: { members: names(after) },
        })
        return after
      })
    },
  }
}
