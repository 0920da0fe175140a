import { formSchema, REQUEST_TYPES, type RequestType } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../packages/server/src/db/schema.ts'
import { DEMO_PASSWORD, type DemoWorld } from '../packages/server/src/platform/demo/demo-seed.ts'
import { hashPassword } from '../packages/server/src/platform/session/passwords.ts'

// A consortium a year into running service requests, written with set-based SQL in the shape
// requests.service.ts writes them: numbered per library, prefix and year, due dates from each
// type's target, assigned as the type says, a `submitted` event for each and a `transition`
// event for each that moved on, counters at the last number used.

/** Share of the requests each demo library gets; the biggest queue is the librarians' worst case. */
const LIBRARY_SHARE: Record<string, number> = { sjtu: 0.5, fudan: 0.3, tongji: 0.2 }
const READERS_PER_LIBRARY: Record<string, number> = { sjtu: 10_000, fudan: 6_000, tongji: 4_000 }
/** Document delivery dominates, as it did in 2020. */
const TYPE_SHARE: Record<string, number> = {
  document_delivery: 0.45,
  interlibrary_loan: 0.2,
  purchase_suggestion: 0.15,
  citation_verification: 0.1,
  novelty_search: 0.05,
  thesis_submission: 0.05,
}
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗']
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文']

/** Demo accounts and the staff the bench adds, per library. */
export interface BenchLibrary {
  id: string
  code: string
  librarians: string[]
  subjectByDepartment: Record<string, string[]>
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`

/** A uuid v7 for an instant, as uuid's v7() would make it then: time-ordered, so `id desc` is newest first. */
const uuidv7At = (at: string, salt: string) =>
  `(lpad(to_hex(floor(extract(epoch from ${at}) * 1000)::bigint), 12, '0') || '7'
    || substr(md5(${salt}::text || random()::text), 1, 3) || '8'
    || substr(md5(random()::text || ${salt}::text), 1, 15))::uuid`

/** A form the type's zod schema accepts, as SQL building it from the row number `n`. */
const formSql = (type: RequestType) => {
  const pairs = type.fields.map((field) => {
    let value: string
    switch (field.kind) {
      case 'text':
        value = `${quote(`${field.label.zh} `)} || q.n`
        break
      case 'textarea':
        value = `${quote(`${field.label.zh}：第 `)} || q.n || ' 号，见附件说明。'`
        break
      case 'select':
        value = `(${quote(JSON.stringify(field.options.map((option) => option.value)))}::jsonb ->> (q.n % ${field.options.length}))`
        break
      case 'multiselect':
        value = `jsonb_build_array(${quote(JSON.stringify(field.options.map((option) => option.value)))}::jsonb ->> (q.n % ${field.options.length}))`
        break
      case 'date':
        value = `to_char((q.submitted_at at time zone q.time_zone)::date + 30, 'YYYY-MM-DD')`
        break
      case 'number':
        value = `${field.min} + q.n % ${field.max - field.min + 1}`
        break
      case 'isbn':
        // 978 + nine digits + the ISBN-13 check digit (weights 1, 3, 1, …; 9·1 + 7·3 + 8·1 = 38).
        value = `(select '978' || d.s || (10 - (38 + sum(substr(d.s, i, 1)::int * (2 * (i % 2) + 1))) % 10) % 10
          from (select lpad((q.n % 1000000000)::text, 9, '0') as s) d, generate_series(1, 9) i group by d.s)`
        break
      case 'doi':
        value = `'10.1000/shuqiao.' || q.n`
        break
    }
    // Optional fields are filled in half the time; absent ones are left out, as the form sends them.
    return `${quote(field.name)}, ${field.required ? value : `case when q.r_extra < 0.5 then ${value} end`}`
  })
  return `jsonb_strip_nulls(jsonb_build_object(${pairs.join(', ')}))`
}

/** For each status a request can reach, the step that reaches it (staff's rather than the reader's). */
const movesOf = (type: RequestType) => {
  const moves: Record<string, { action: string; from: string; by: string; note: boolean }> = {}
  for (const status of Object.keys(type.statuses)) {
    if (status === type.initial) continue
    const candidates = type.transitions.filter((transition) => transition.to === status)
    const move = candidates.find((transition) => transition.by === 'staff') ?? candidates[0]
    if (move)
      moves[status] = {
        action: move.action,
        from: move.from[0]!,
        by: move.by,
        note: move.needsReason === true,
      }
  }
  return moves
}

/** Twenty picks among a type's final statuses: mostly done, some declined, a few cancelled. */
const finalPicks = (type: RequestType) => {
  const finals = Object.entries(type.statuses)
    .filter(([, status]) => status.final)
    .map(([code]) => code)
  const done = finals[0]!
  const cancelled = finals.filter((code) => code === 'cancelled')
  const declined = finals.filter((code) => code !== done && code !== 'cancelled')
  const picks = [
    ...Array<string>(declined.length ? 15 : 17).fill(done),
    ...(declined.length ? [0, 1, 2].map((i) => declined[i % declined.length]!) : []),
    ...Array<string>(2).fill(cancelled[0] ?? done),
  ]
  return picks
}

/** Staff the queue is shared among: the demo librarian and subject librarian plus a few colleagues. */
const addStaff = async (db: Kysely<DB>, world: DemoWorld, passwordHash: string) => {
  const libraries: BenchLibrary[] = []
  for (const library of world.libraries) {
    const librarians = [library.accounts.librarian!]
    const subjectByDepartment: Record<string, string[]> = Object.fromEntries(
      library.departmentIds.map((id, index) => [id, index < 2 ? [library.accounts.subject_librarian!] : []]),
    )
    const staff = [
      ...['L002', 'L003', 'L004'].map((number) => ({ number, role: 'librarian' as const, departments: [] })),
      ...[2, 3, 1].map((department, index) => ({
        number: `S00${index + 2}`,
        role: 'subject_librarian' as const,
        departments: [library.departmentIds[department]!],
      })),
    ]
    for (const [index, person] of staff.entries()) {
      const id = uuidv7()
      await db
        .insertInto('accounts')
        .values({
          id,
          consortium_id: world.consortiumId,
          library_id: library.id,
          reader_number: person.number,
          name: `${SURNAMES[index + 3]}${GIVEN[index * 2]}${GIVEN[index * 2 + 1]}`,
          type: 'staff',
          email: `${person.number.toLowerCase()}@${library.code}.example.edu.cn`,
          password_hash: passwordHash,
        })
        .execute()
      await db
        .insertInto('account_roles')
        .values([
          { account_id: id, role: 'reader' },
          { account_id: id, role: person.role },
        ])
        .execute()
      if (person.role === 'librarian') librarians.push(id)
      for (const departmentId of person.departments) {
        await db
          .insertInto('subject_assignments')
          .values({ account_id: id, department_id: departmentId, library_id: library.id })
          .execute()
        subjectByDepartment[departmentId]!.push(id)
      }
    }
    libraries.push({ id: library.id, code: library.code, librarians, subjectByDepartment })
  }
  return libraries
}

/**
 * Readers of every demo library and `count` requests among them, over the year before `now`,
 * with their timelines. Returns the figures the bench reports.
 */
export const generateRequests = async (db: Kysely<DB>, world: DemoWorld, count: number, now: Date) => {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const libraries = await addStaff(db, world, passwordHash)
  let low = 0
  const libs = libraries.map((library) => {
    const share = LIBRARY_SHARE[library.code] ?? 0
    const row = {
      id: library.id,
      code: library.code,
      lo: low,
      hi: low + share,
      readers: READERS_PER_LIBRARY[library.code] ?? 1000,
      librarians: library.librarians,
      subjects: library.subjectByDepartment,
    }
    low += share
    return row
  })
  libs.at(-1)!.hi = 2
  low = 0
  const types = (REQUEST_TYPES as readonly RequestType[]).map((type) => {
    const share = TYPE_SHARE[type.code] ?? 0
    const row = {
      code: type.code,
      prefix: type.prefix,
      lo: low,
      hi: low + share,
      fee: type.feeFen,
      days: type.targetWorkingDays,
      by_subject: type.assignment === 'subject_librarian',
      initial: type.initial,
      open: Object.keys(type.statuses).filter((code) => !type.statuses[code]!.final),
      finals: finalPicks(type),
      moves: movesOf(type),
    }
    low += share
    return row
  })
  types.at(-1)!.hi = 2
  const forms = `case q.type ${REQUEST_TYPES.map((type) => `when ${quote(type.code)} then ${formSql(type)}`).join(' ')} end`

  const started = performance.now()
  await db.transaction().execute(async (trx) => {
    const run = (query: ReturnType<typeof sql>) => query.execute(trx)
    await run(sql`select setseed(0.2020)`)
    await run(sql`
      create temp table bench_libs on commit drop as
      select * from jsonb_to_recordset(${JSON.stringify(libs)}::jsonb) as l(
        id uuid, code text, lo float8, hi float8, readers int, librarians jsonb, subjects jsonb)`)
    await run(sql`
      create temp table bench_types on commit drop as
      select * from jsonb_to_recordset(${JSON.stringify(types)}::jsonb) as t(
        code text, prefix text, lo float8, hi float8, fee int, days int, by_subject boolean,
        initial text, open jsonb, finals jsonb, moves jsonb)`)

    // Readers: students and teachers of every department, with Chinese names and campus e-mail.
    await run(sql`
      insert into accounts (id, consortium_id, library_id, reader_number, name, type, department_id,
        email, language, password_hash, created_at, updated_at)
      select ${sql.raw(uuidv7At('a.created_at', 'a.n'))}, ${world.consortiumId}::uuid, l.id,
        (2016 + a.n % 5)::text || lpad(a.n::text, 5, '0'),
        (${JSON.stringify(SURNAMES)}::jsonb ->> (a.n % ${SURNAMES.length}))
          || (${JSON.stringify(GIVEN)}::jsonb ->> ((a.n / ${SURNAMES.length}) % ${GIVEN.length}))
          || case when a.n % 3 = 0 then '' else ${JSON.stringify(GIVEN)}::jsonb ->> ((a.n / 7) % ${GIVEN.length}) end,
        case when a.n % 12 = 0 then 'teacher' else 'student' end,
        (select d.id from departments d where d.library_id = l.id order by d.code offset a.n % 4 limit 1),
        'r' || a.n || '@' || l.code || '.example.edu.cn',
        case when a.n % 25 = 0 then 'en' else 'zh-CN' end,
        null, a.created_at, a.created_at
      from bench_libs l
      cross join lateral (
        select n, ${now}::timestamptz - interval '2 years' + n * interval '1 minute' as created_at
        from generate_series(1, l.readers) n
      ) a`)
    await run(sql`
      insert into account_roles (account_id, role)
      select a.id, 'reader' from accounts a
      where not exists (select from account_roles r where r.account_id = a.id)`)
    await run(sql`
      create temp table bench_readers on commit drop as
      select a.library_id, row_number() over (partition by a.library_id order by a.id)::int as k,
        a.id, a.department_id
      from accounts a join bench_libs l on l.id = a.library_id
      where a.type <> 'staff' and a.reader_number ~ '^20[0-9]{7}$'`)
    await run(sql`create index on bench_readers (library_id, k)`)

    // One row of draws per request, then every column from them.
    await run(sql`
      create temp table bench_draws on commit drop as
      select n, random() as r_library, random() as r_type, random() as r_reader, random() as r_age,
        random() as r_open, random() as r_status, random() as r_assignee, random() as r_close,
        random() as r_extra
      from generate_series(1, ${count}::int) n`)
    await run(sql`
      create temp table bench_requests on commit drop as
      select d.*, s.*, l.id as library_id, l.librarians, l.subjects, lib.time_zone,
        t.code as type, t.prefix, t.fee, t.days, t.by_subject, t.initial, t.moves, t.open as open_statuses,
        t.finals, rd.id as reader_id, rd.department_id,
        -- Recent requests are mostly still open; old ones mostly closed, a few forgotten.
        (s.age_days < 30 and d.r_open < 0.7) or (s.age_days >= 30 and s.age_days < 90 and d.r_open < 0.15)
          or (s.age_days >= 90 and d.r_open < 0.02) as is_open
      from bench_draws d
      join bench_libs l on d.r_library >= l.lo and d.r_library < l.hi
      join libraries lib on lib.id = l.id
      join bench_types t on d.r_type >= t.lo and d.r_type < t.hi
      join bench_readers rd on rd.library_id = l.id and rd.k = 1 + floor(d.r_reader * l.readers)::int
      cross join lateral (
        select ${now}::timestamptz - d.r_age * 365 * interval '1 day' as submitted_at, d.r_age * 365 as age_days
      ) s`)
    await run(sql`
      create temp table bench_shaped on commit drop as
      select q.*, ${sql.raw(uuidv7At('q.submitted_at', 'q.n'))} as id,
        extract(year from q.submitted_at at time zone q.time_zone)::int as year,
        ${sql.raw(forms)} as form
      from (
        select r.*, st.status,
          case when r.is_open then null
            else least(r.submitted_at + (0.1 + r.r_close * r.days * 1.6) * interval '1 day', ${now}::timestamptz)
          end as closed_at,
          case
            when r.by_subject then
              r.subjects -> (r.department_id::text) ->> floor(r.r_assignee * jsonb_array_length(r.subjects -> (r.department_id::text)))::int
            when st.status = r.initial and r.r_assignee < 0.6 then null
            else r.librarians ->> floor(r.r_assignee * jsonb_array_length(r.librarians))::int
          end::uuid as assignee_id
        from bench_requests r
        cross join lateral (
          select case when r.is_open
            then r.open_statuses ->> floor(r.r_status * jsonb_array_length(r.open_statuses))::int
            else r.finals ->> floor(r.r_status * jsonb_array_length(r.finals))::int
          end as status
        ) st
      ) q`)
    await run(sql`
      insert into requests (id, library_id, type, number, reader_id, department_id, status, form,
        assignee_id, fee_fen, submitted_at, due_date, closed_at, updated_at, idempotency_key)
      select id, library_id, type,
        prefix || '-' || year || '-'
          || lpad(row_number() over (partition by library_id, prefix, year order by submitted_at, n)::text, 6, '0'),
        reader_id, department_id, status, form, assignee_id, fee, submitted_at,
        (submitted_at at time zone time_zone)::date + days,
        closed_at,
        case when status = initial then submitted_at
          else coalesce(closed_at, submitted_at + least(age_days, days / 2.0) * interval '1 day') end,
        gen_random_uuid()::text
      from bench_shaped`)
    await run(sql`
      insert into request_counters (library_id, prefix, year, last)
      select library_id, prefix, year, count(*) from bench_shaped group by library_id, prefix, year`)
    await run(sql`
      insert into request_events (id, request_id, library_id, at, actor_id, kind, to_status)
      select ${sql.raw(uuidv7At('s.submitted_at', 's.n'))}, s.id, s.library_id, s.submitted_at, s.reader_id,
        'submitted', s.initial
      from bench_shaped s`)
    await run(sql`
      insert into request_events (id, request_id, library_id, at, actor_id, kind, action, from_status,
        to_status, note)
      select ${sql.raw(uuidv7At('r.updated_at', 's.n'))}, s.id, s.library_id, r.updated_at,
        case when s.moves -> s.status ->> 'by' = 'reader' then s.reader_id
          else coalesce(s.assignee_id, (s.librarians ->> 0)::uuid) end,
        'transition', s.moves -> s.status ->> 'action', s.moves -> s.status ->> 'from', s.status,
        case when (s.moves -> s.status ->> 'note')::boolean then '经多方查询，暂无馆藏可提供。' end
      from bench_shaped s join requests r on r.id = s.id
      where s.status <> s.initial and s.moves ? s.status`)
  })
  const seconds = (performance.now() - started) / 1000

  // The rows must be what the service would accept and write: check a sample of every type's forms.
  for (const type of REQUEST_TYPES) {
    const sample = await db
      .selectFrom('requests')
      .select(['form', 'number'])
      .where('type', '=', type.code)
      .limit(50)
      .execute()
    for (const row of sample) {
      const parsed = formSchema(type).safeParse(row.form)
      if (!parsed.success)
        throw new Error(`${row.number}: form not valid: ${JSON.stringify(parsed.error.issues)}`)
    }
  }
  const figures = await sql<{
    requests: number
    events: number
    open: number
    overdue: number
    readers: number
  }>`
    select (select count(*) from requests) as requests, (select count(*) from request_events) as events,
      (select count(*) from requests where closed_at is null) as open,
      (select count(*) from requests r join libraries l on l.id = r.library_id
        where r.closed_at is null and r.due_date < (now() at time zone l.time_zone)::date) as overdue,
      (select count(*) from accounts where type <> 'staff') as readers`.execute(db)
  return { libraries, seconds, ...figures.rows[0]! }
}

/** Readers who will submit during the bench: signed in with the demo password, one per connection. */
export const addBenchReaders = async (
  db: Kysely<DB>,
  world: DemoWorld,
  libraryCode: string,
  count: number,
) => {
  const library = world.libraries.find((candidate) => candidate.code === libraryCode)!
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const readers = Array.from({ length: count }, (_, n) => ({
    id: uuidv7(),
    consortium_id: world.consortiumId,
    library_id: library.id,
    reader_number: `B${String(n + 1).padStart(6, '0')}`,
    name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}${GIVEN[(n * 11) % GIVEN.length]}`,
    type: 'student' as const,
    department_id: library.departmentIds[n % library.departmentIds.length]!,
    email: `b${n + 1}@${library.code}.example.edu.cn`,
    password_hash: passwordHash,
  }))
  await db.insertInto('accounts').values(readers).execute()
  await db
    .insertInto('account_roles')
    .values(readers.map((reader) => ({ account_id: reader.id, role: 'reader' as const })))
    .execute()
  return readers.map((reader) => reader.reader_number)
}
