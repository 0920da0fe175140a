import { sql } from 'kysely'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import {
  applyDueDateChange,
  previewDueDateChange,
} from '../packages/server/src/modules/circulation/bulk-due-dates.ts'
import { undoBatch } from '../packages/server/src/modules/circulation/closure-batches.ts'
import type { ClosureActor } from '../packages/server/src/modules/circulation/limit-raises.ts'
import { seedDemo } from '../packages/server/src/platform/demo/demo-seed.ts'
import { freshDatabase } from './bench-database.ts'
import { loadNow, machineNote, writeSection } from './report.ts'

// Issue 7's targets, on PostgreSQL and 2 cores: a bulk due-date change of 1,000,000 loans in
// under 10 s, and its undo in under 10 s. The loans (with their items and readers) are written
// straight into a fresh database; then the change a librarian previews and applies on the
// 闭馆措施 page (`previewDueDateChange`, `applyDueDateChange`) and its undo (`undoBatch`) are
// timed, each in its own transaction, as the routes run them.
const LOANS = Number(process.env.BENCH_LOANS ?? 1_000_000)
const READERS = Number(process.env.BENCH_READERS ?? 50_000)
const FULL_SIZE = LOANS >= 1_000_000

type Db = Awaited<ReturnType<typeof openDatabase>>['db']

/** Time-ordered ids like the server's UUID v7 ones: the n-th is later than the (n-1)-th. */
const orderedId = (n: ReturnType<typeof sql>, kind: number) =>
  sql`(lpad(to_hex(${kind}::bigint * 4294967296 + ${n}), 12, '0') || '7000' || '8000' || lpad(to_hex(${n}), 12, '0'))::uuid`

/** Readers, items and open loans due at 23:59 (Shanghai) on the days of February and March 2027. */
const generate = async (db: Db, world: { consortiumId: string; libraryId: string }) => {
  const { consortiumId, libraryId } = world
  await sql`
    insert into accounts (id, consortium_id, library_id, reader_number, name, type)
    select ${orderedId(sql`n`, 1)}, ${consortiumId}, ${libraryId}, 'B' || n, '读者' || n,
      case when n % 10 = 0 then 'teacher' else 'student' end
    from generate_series(1, ${READERS}::int) n
  `.execute(db)
  // The catalogue's search indexes take no part in what is timed; building them for a million
  // generated titles would only lengthen the set-up.
  await sql`drop index catalogue_items_search_idx, catalogue_items_title_trgm_idx`.execute(db)
  await sql`
    insert into catalogue_items (id, library_id, barcode, title, location, material_type, status)
    select ${orderedId(sql`n`, 2)}, ${libraryId}, 'BENCH' || n, '馆藏 ' || n,
      case when n % 4 = 0 then '分馆 1楼' else '主馆 3楼' end, 'book', 'on_loan'
    from generate_series(1, ${LOANS}::int) n
  `.execute(db)
  await sql`
    insert into loans (id, library_id, item_id, reader_id, checked_out_at, due_at)
    select ${orderedId(sql`i.n`, 3)}, ${libraryId}, i.id, r.id,
      timestamptz '2027-01-01 10:00+08' + (i.n % 59) * interval '1 day',
      timestamptz '2027-02-01 23:59+08' + (i.n % 59) * interval '1 day'
    from (select id, row_number() over (order by id) as n from catalogue_items where barcode like 'BENCH%') i
    join (select id, row_number() over (order by id) - 1 as k from accounts where reader_number like 'B%') r
      on r.k = i.n % ${READERS}
  `.execute(db)
  await sql`vacuum analyze`.execute(db)
}

const timed = async <T>(what: () => Promise<T>) => {
  const started = performance.now()
  const result = await what()
  return { result, seconds: (performance.now() - started) / 1000 }
}

const fresh = await freshDatabase('due_dates')
const url = new URL(fresh.url)
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 })
const loadAtStart = loadNow()
const filter = { dueFrom: '2027-02-01', dueTo: '2027-03-31', includeOverdue: false }
const change = { kind: 'by' as const, days: 30 }
let setUp = 0
let preview = { count: 0, seconds: 0 }
let apply = { moved: 0, seconds: 0 }
let undo = { restored: 0, seconds: 0 }
try {
  await migrateToLatest(database.db as never)
  const world = (await seedDemo(database.db))!
  const sjtu = world.libraries.find((library) => library.code === 'sjtu')!
  const actor: ClosureActor = {
    libraryId: sjtu.id,
    accountId: sjtu.accounts.librarian!,
    now: new Date('2027-01-20T10:00:00+08:00'),
    timeZone: 'Asia/Shanghai',
  }
  // A closure declared for most of February, so due dates land on closed days and move.
  await database.db
    .insertInto('library_calendar_days')
    .values(
      Array.from({ length: 20 }, (_, day) => ({
        library_id: sjtu.id,
        day: `2027-03-${String(day + 5).padStart(2, '0')}`,
        open: false,
        note: '闭馆',
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute()
  console.log(`generating ${LOANS.toLocaleString('en')} loans of ${READERS.toLocaleString('en')} readers…`)
  setUp = (await timed(() => generate(database.db, { consortiumId: world.consortiumId, libraryId: sjtu.id })))
    .seconds
  console.log(`generated in ${setUp.toFixed(0)} s`)
  const previewed = await timed(() => previewDueDateChange(database.db, actor, { filter, change }))
  preview = { count: previewed.result.count, seconds: previewed.seconds }
  console.log(`preview: ${preview.count} loans in ${preview.seconds.toFixed(2)} s`)
  const applied = await timed(() =>
    database.db.transaction().execute((trx) => applyDueDateChange(trx, actor, { filter, change })),
  )
  apply = { moved: applied.result.moved, seconds: applied.seconds }
  console.log(`apply: ${apply.moved} loans in ${apply.seconds.toFixed(2)} s`)
  const undone = await timed(() =>
    database.db.transaction().execute((trx) => undoBatch(trx, actor, applied.result.batchId)),
  )
  undo = { restored: undone.result.restored, seconds: undone.seconds }
  console.log(`undo: ${undo.restored} loans in ${undo.seconds.toFixed(2)} s`)
} finally {
  await database.close()
  await fresh.drop()
}

const verdict = (seconds: number) => (seconds < 10 ? 'met' : '**missed**')
writeSection(
  'bulk-due-dates',
  `## Circulation: bulk due-date change of ${LOANS.toLocaleString('en')} loans, and its undo

Targets from issue 7, on PostgreSQL and 2 cores: a bulk due-date change of 1,000,000 loans in under 10 s; its undo in under 10 s.
${FULL_SIZE ? '' : `\n**A reduced run (${LOANS.toLocaleString('en')} loans): not the target's size.** Run \`npm run bench:bulk-due-dates\` without \`BENCH_LOANS\` for it.\n`}
${machineNote(loadAtStart)}
- data: ${LOANS.toLocaleString('en')} open loans of ${READERS.toLocaleString('en')} readers in one library, due at 23:59 on each day of February and March 2027 (about 17,000 a day), written straight into a fresh database in ${setUp.toFixed(0)} s, then VACUUM ANALYZE; 5–24 March closed in the calendar.
- what is timed: the 闭馆措施 page's change "loans due 1 February – 31 March, 30 days later" (\`previewDueDateChange\`, then \`applyDueDateChange\` in one transaction: one \`INSERT … SELECT\` keeping each loan's due date before and after under the batch, fed to one \`UPDATE … FROM\`), then \`undoBatch\` (one \`UPDATE … FROM\` the kept values, where the loan still has the batch's date). New days on closed days move to the next open day.

| step | loans | seconds | < 10 s |
| --- | ---: | ---: | --- |
| preview (count and sample) | ${preview.count.toLocaleString('en')} | ${preview.seconds.toFixed(2)} | |
| apply | ${apply.moved.toLocaleString('en')} | ${apply.seconds.toFixed(2)} | ${verdict(apply.seconds)} |
| undo | ${undo.restored.toLocaleString('en')} | ${undo.seconds.toFixed(2)} | ${verdict(undo.seconds)} |
`,
)
process.exit(0)
