import type { TestApp } from './test-app.ts'

/** The id of the account with `readerNumber` in the library with `libraryCode` (default sjtu). */
export const accountIdOf = async (t: TestApp, readerNumber: string, libraryCode = 'sjtu') =>
  (
    await t.ctx.db
      .selectFrom('accounts as a')
      .innerJoin('libraries as l', 'l.id', 'a.library_id')
      .select('a.id')
      .where('a.reader_number', '=', readerNumber)
      .where('l.code', '=', libraryCode)
      .executeTakeFirstOrThrow()
  ).id
