import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Scope } from '../../http/caller.ts'

/**
 * Reply templates an account may see: library-wide ones of the scope's libraries and its own
 * personal ones, never a colleague's personal ones. With the owner's and last editor's names.
 */
export const templatesVisibleTo = (db: Kysely<DB>, scope: Scope, accountId: string) => {
  let query = db
    .selectFrom('reply_templates as t')
    .innerJoin('libraries as l', 'l.id', 't.library_id')
    .leftJoin('accounts as owner', 'owner.id', 't.owner_id')
    .leftJoin('accounts as editor', 'editor.id', 't.updated_by')
    .selectAll('t')
    .select([
      'owner.name as owner_name',
      'owner.reader_number as owner_number',
      'editor.name as editor_name',
      'editor.reader_number as editor_number',
    ])
    .where('l.consortium_id', '=', scope.consortiumId)
    .where((eb) => eb.or([eb('t.owner_id', 'is', null), eb('t.owner_id', '=', accountId)]))
  if (scope.libraryIds !== 'all') {
    query = scope.libraryIds.length
      ? query.where('t.library_id', 'in', scope.libraryIds)
      : query.where(sql<boolean>`false`)
  }
  return query
}

export type TemplateRow = Awaited<
  ReturnType<ReturnType<typeof templatesVisibleTo>['executeTakeFirstOrThrow']>
>

export const countLibraryTemplates = async (db: Kysely<DB>, libraryId: string) => {
  const row = await db
    .selectFrom('reply_templates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('library_id', '=', libraryId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
