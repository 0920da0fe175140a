import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Scope } from '../../http/caller.ts'

// Queries only; the service decides who may run them. Every query takes a scope or a batch
// already found within one.

/** Batches with their creator, library time zone and counts by status, limited to a scope. */
export const batchesInScope = (db: Kysely<DB>, scope: Scope) => {
  const query = db
    .selectFrom('similarity_check_batches as b')
    .innerJoin('libraries as l', 'l.id', 'b.library_id')
    .leftJoin('accounts as creator', 'creator.id', 'b.created_by')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('similarity_check_theses as t')
          .select([
            sql<number>`count(*)::int`.as('total'),
            sql<number>`(count(*) filter (where t.status = 'waiting'))::int`.as('waiting'),
            sql<number>`(count(*) filter (where t.status = 'submitted'))::int`.as('submitted'),
            sql<number>`(count(*) filter (where t.status = 'checked'))::int`.as('checked'),
            sql<number>`(count(*) filter (where t.status = 'checked' and t.similarity_bp <= b.threshold_bp))::int`.as(
              'passed',
            ),
            sql<number>`(count(*) filter (where t.status = 'returned'))::int`.as('returned'),
            sql<number>`(count(*) filter (where t.status = 'withdrawn'))::int`.as('withdrawn'),
          ])
          .whereRef('t.batch_id', '=', 'b.id')
          .as('c'),
      (join) => join.onTrue(),
    )
    .selectAll('b')
    .select([
      'creator.name as creator_name',
      'l.time_zone',
      'c.total',
      'c.waiting',
      'c.submitted',
      'c.checked',
      'c.passed',
      'c.returned',
      'c.withdrawn',
    ])
    .where('l.consortium_id', '=', scope.consortiumId)
  if (scope.libraryIds === 'all') return query
  return scope.libraryIds.length
    ? query.where('b.library_id', 'in', scope.libraryIds)
    : query.where(sql<boolean>`false`)
}

export type BatchRow = Awaited<ReturnType<ReturnType<typeof batchesInScope>['executeTakeFirstOrThrow']>>

/** Department names of a batch's theses, for its filter. */
export const batchDepartments = async (db: Kysely<DB>, batchId: string) =>
  (
    await db
      .selectFrom('similarity_check_theses')
      .select('department_name')
      .distinct()
      .where('batch_id', '=', batchId)
      .where('department_name', 'is not', null)
      .orderBy('department_name')
      .execute()
  ).map((row) => row.department_name as string)

/** Theses with their batch's pass line, linked account and files, limited to a scope. */
export const thesesInScope = (db: Kysely<DB>, scope: Scope) => {
  const query = db
    .selectFrom('similarity_check_theses as t')
    .innerJoin('similarity_check_batches as b', 'b.id', 't.batch_id')
    .innerJoin('libraries as l', 'l.id', 't.library_id')
    .leftJoin('accounts as a', 'a.id', 't.account_id')
    .leftJoin('files as tf', 'tf.id', 't.thesis_file_id')
    .leftJoin('files as rf', 'rf.id', 't.report_file_id')
    .selectAll('t')
    .select([
      'b.name as batch_name',
      'b.degree as batch_degree',
      'b.service as batch_service',
      'b.service_note as batch_service_note',
      'b.threshold_bp',
      'b.due_date as batch_due_date',
      'a.name as account_name',
      'tf.original_name as tf_name',
      'tf.size as tf_size',
      'tf.media_type as tf_media_type',
      'tf.sha256 as tf_sha256',
      'tf.created_at as tf_created_at',
      'rf.original_name as rf_name',
      'rf.size as rf_size',
      'rf.media_type as rf_media_type',
      'rf.sha256 as rf_sha256',
      'rf.created_at as rf_created_at',
    ])
    .where('l.consortium_id', '=', scope.consortiumId)
  if (scope.libraryIds === 'all') return query
  return scope.libraryIds.length
    ? query.where('t.library_id', 'in', scope.libraryIds)
    : query.where(sql<boolean>`false`)
}

export type ThesisRow = Awaited<ReturnType<ReturnType<typeof thesesInScope>['executeTakeFirstOrThrow']>>

export const listEvents = (db: Kysely<DB>, thesisIds: readonly string[]) =>
  thesisIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('similarity_check_events as e')
        .leftJoin('accounts as actor', 'actor.id', 'e.actor_id')
        .leftJoin('files as f', 'f.id', 'e.report_file_id')
        .selectAll('e')
        .select([
          'actor.name as actor_name',
          'f.original_name as f_name',
          'f.size as f_size',
          'f.media_type as f_media_type',
          'f.sha256 as f_sha256',
          'f.created_at as f_created_at',
        ])
        .where('e.thesis_id', 'in', thesisIds)
        .orderBy('e.id')
        .execute()

export type EventRow = Awaited<ReturnType<typeof listEvents>>[number]

/** Reader accounts of a library by reader number (only the numbers asked about). */
export const readerAccounts = async (db: Kysely<DB>, libraryId: string, readerNumbers: readonly string[]) => {
  const found = new Map<string, string>()
  for (let start = 0; start < readerNumbers.length; start += 1000) {
    const chunk = readerNumbers.slice(start, start + 1000)
    if (chunk.length === 0) continue
    const rows = await db
      .selectFrom('accounts as a')
      .innerJoin('account_roles as r', (join) =>
        join.onRef('r.account_id', '=', 'a.id').on('r.role', '=', 'reader'),
      )
      .select(['a.id', 'a.reader_number'])
      .where('a.library_id', '=', libraryId)
      .where('a.reader_number', 'in', chunk)
      .execute()
    for (const row of rows) found.set(row.reader_number, row.id)
  }
  return found
}

export const libraryDepartments = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('departments')
    .select(['id', 'code', 'name_zh as nameZh', 'name_en as nameEn'])
    .where('library_id', '=', libraryId)
    .execute()

/** The batch's theses by reader number, as the results import checks them. */
export const thesesByReaderNumber = (db: Kysely<DB>, batchId: string) =>
  db
    .selectFrom('similarity_check_theses')
    .select(['id', 'reader_number', 'status', 'similarity_bp', 'author_name', 'title'])
    .where('batch_id', '=', batchId)
    .execute()

/** The batch's theses as report files are matched to them. */
export const reportTargets = (db: Kysely<DB>, batchId: string) =>
  db
    .selectFrom('similarity_check_theses')
    .select(['id', 'reader_number', 'author_name', 'title', 'status', 'report_file_id'])
    .where('batch_id', '=', batchId)
    .orderBy('id')
    .execute()

/** Escapes LIKE wildcards so a search for "10%" finds "10%". */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
