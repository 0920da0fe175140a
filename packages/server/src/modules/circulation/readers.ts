import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

const READER_COLUMNS = ['id', 'library_id', 'name', 'reader_number', 'type', 'status'] as const

/** A reader of a library by reader number; `lock` holds their row so two desks cannot both lend past the limit. */
export const findReader = (db: Kysely<DB>, libraryId: string, readerNumber: string, lock = false) =>
  db
    .selectFrom('accounts')
    .select(READER_COLUMNS)
    .where('library_id', '=', libraryId)
    .where('reader_number', '=', readerNumber)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst()

export type Reader = NonNullable<Awaited<ReturnType<typeof findReader>>>

export const lockReaderById = (trx: Kysely<DB>, readerId: string) =>
  trx
    .selectFrom('accounts')
    .select(READER_COLUMNS)
    .where('id', '=', readerId)
    .forUpdate()
    .executeTakeFirstOrThrow()

/** Readers of a library by reader number, for an import to check every row at once. */
export const readersByNumbers = (db: Kysely<DB>, libraryId: string, readerNumbers: string[]) =>
  readerNumbers.length === 0
    ? Promise.resolve([] as Reader[])
    : db
        .selectFrom('accounts')
        .select(READER_COLUMNS)
        .where('library_id', '=', libraryId)
        .where('reader_number', 'in', readerNumbers)
        .execute()

/** Another member library where a reader number is known, to tell a desk where the reader belongs. */
export const otherLibraryOfReader = (
  db: Kysely<DB>,
  consortiumId: string,
  exceptLibraryId: string,
  readerNumber: string,
) =>
  db
    .selectFrom('accounts as a')
    .innerJoin('libraries as l', 'l.id', 'a.library_id')
    .select(['l.id', 'l.name_zh', 'l.name_en'])
    .where('a.consortium_id', '=', consortiumId)
    .where('a.library_id', '!=', exceptLibraryId)
    .where('a.reader_number', '=', readerNumber)
    .limit(1)
    .executeTakeFirst()
