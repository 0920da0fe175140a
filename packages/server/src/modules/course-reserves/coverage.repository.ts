import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { CoursesTable, DB } from '../../db/schema.ts'

// The coverage figures as two set-based queries: where a term stands now (in all and grouped by
// category, department and publisher) and day by day. The rules they count by are in
// docs/course-reserves.md (保障率 and 满足率).

export interface CoverageScope {
  libraryId: string
  termId: string
  category?: CoursesTable['category'] | 'none' | undefined
  departmentId?: string | undefined
}

/** The courses in scope, with the department they are counted under. */
const scopedCourses = (scope: CoverageScope) => sql`
  select c.id, c.category, c.department_id,
    coalesce(d.name_zh, nullif(btrim(c.department_name), '')) as department_zh, d.name_en as department_en
  from courses c
  left join departments d on d.id = c.department_id
  where c.library_id = ${scope.libraryId} and c.term_id = ${scope.termId}
  ${categoryFilter(scope)} ${departmentFilter(scope)}`

const categoryFilter = (scope: CoverageScope): RawBuilder<unknown> =>
  scope.category === 'none'
    ? sql`and c.category is null`
    : scope.category
      ? sql`and c.category = ${scope.category}`
      : sql``

const departmentFilter = (scope: CoverageScope): RawBuilder<unknown> =>
  scope.departmentId ? sql`and c.department_id = ${scope.departmentId}` : sql``

/**
 * A publisher folded for grouping: full-width forms folded (NFKC), lower case, spaces and
 * punctuation dropped; '' for none.
 */
const PUBLISHER_KEY = sql`regexp_replace(lower(normalize(coalesce(t.publisher, ''), nfkc)),
  '[[:space:][:punct:]·・、，。：；（）【】《》〈〉「」『』“”‘’]+', '', 'g')`

export interface CoverageRow {
  part: 'courses' | 'titles'
  /** Which grouping the row is: the whole term, a category, a department, a publisher. */
  grouping: 'total' | 'category' | 'department' | 'publisher'
  category: CoursesTable['category']
  department_id: string | null
  department_zh: string | null
  department_en: string | null
  publisher: string | null
  courses: number
  requesting: number
  all_published: number
  any_published: number
  titles: number
  published: number
}

/**
 * Where the term stands now. Course rows: each course of the group once, with how many titles it
 * requests and how many of them are published. Title rows: each distinct title its courses
 * request once (a title asked for by two departments counts in both, and once in the total).
 */
export const coverageNow = async (db: Kysely<DB>, scope: CoverageScope) => {
  const { rows } = await sql<CoverageRow>`
    with c as (${scopedCourses(scope)}),
    r as (
      select r.course_id, r.title_id, t.status = 'published' as published, ${PUBLISHER_KEY} as publisher_key,
        nullif(btrim(t.publisher), '') as publisher
      from course_title_requests r
      join c on c.id = r.course_id
      join course_titles t on t.id = r.title_id
    ),
    per_course as (
      select course_id, count(*) as asked, count(*) filter (where published) as published
      from r group by course_id
    )
    select 'courses' as part,
      case when grouping(c.category) = 0 then 'category'
        when grouping(c.department_id, c.department_zh, c.department_en) = 0 then 'department'
        else 'total' end as grouping,
      c.category, c.department_id, c.department_zh, c.department_en, null as publisher,
      count(*)::int as courses,
      count(p.course_id)::int as requesting,
      (count(*) filter (where p.published = p.asked))::int as all_published,
      (count(*) filter (where p.published > 0))::int as any_published,
      0 as titles, 0 as published
    from c left join per_course p on p.course_id = c.id
    group by grouping sets ((), (c.category), (c.department_id, c.department_zh, c.department_en))
    union all
    select 'titles',
      case when grouping(c.category) = 0 then 'category'
        when grouping(c.department_id, c.department_zh, c.department_en) = 0 then 'department'
        when grouping(r.publisher_key) = 0 then 'publisher'
        else 'total' end,
      c.category, c.department_id, c.department_zh, c.department_en,
      case when grouping(r.publisher_key) = 0 then mode() within group (order by r.publisher) end,
      0, 0, 0, 0,
      count(distinct r.title_id)::int,
      (count(distinct r.title_id) filter (where r.published))::int
    from r join c on c.id = r.course_id
    group by grouping sets ((), (c.category), (c.department_id, c.department_zh, c.department_en),
      (r.publisher_key))
  `.execute(db)
  return rows
}

export interface SeriesRow {
  day: string
  requesting: number
  all_published: number
  any_published: number
  titles: number
  published: number
}

/**
 * The figures at the end of each day from the first request to `today`, in the library's time
 * zone, from when each request was made and when each title last became published. Counted by
 * changes rather than day by day: each course's state changes only on the days its requests are
 * made or its titles published, so the work grows with the requests, not with days × requests.
 * A title published and later taken back counts by where it stands now (never published), and a
 * request removed is not in any day; docs/course-reserves.md says so beside the chart.
 */
export const coverageSeries = async (
  db: Kysely<DB>,
  scope: CoverageScope,
  span: { timeZone: string; today: string },
) => {
  const { rows } = await sql<SeriesRow>`
    with c as (${scopedCourses(scope)}),
    ev as (
      select r.course_id, r.title_id, (r.created_at at time zone ${span.timeZone})::date as asked_on,
        case when t.status = 'published' then (t.published_at at time zone ${span.timeZone})::date end
          as published_on
      from course_title_requests r
      join c on c.id = r.course_id
      join course_titles t on t.id = r.title_id
    ),
    course_changes as (
      select course_id, day, sum(asked) as asked, sum(published) as published from (
        select course_id, asked_on as day, 1 as asked, 0 as published from ev
        union all
        select course_id, greatest(asked_on, published_on), 0, 1 from ev where published_on is not null
      ) changes group by course_id, day
    ),
    course_states as (
      select course_id, day,
        (sum(published) over w = sum(asked) over w)::int as all_published,
        (sum(published) over w > 0)::int as any_published
      from course_changes window w as (partition by course_id order by day)
    ),
    course_steps as (
      select day,
        (lag(day) over w is null)::int as requesting,
        all_published - coalesce(lag(all_published) over w, 0) as all_published,
        any_published - coalesce(lag(any_published) over w, 0) as any_published
      from course_states window w as (partition by course_id order by day)
    ),
    title_days as (
      select title_id, min(asked_on) as asked_on, min(published_on) as published_on from ev group by title_id
    ),
    steps as (
      select day, requesting, all_published, any_published, 0 as titles, 0 as published from course_steps
      union all
      select asked_on, 0, 0, 0, 1, 0 from title_days
      union all
      select greatest(asked_on, published_on), 0, 0, 0, 0, 1 from title_days where published_on is not null
    ),
    by_day as (
      select day, sum(requesting) as requesting, sum(all_published) as all_published,
        sum(any_published) as any_published, sum(titles) as titles, sum(published) as published
      from steps group by day
    ),
    days as (
      select generate_series(least((select min(day) from by_day), ${span.today}::date), ${span.today}::date,
        interval '1 day')::date as day
      where exists (select 1 from by_day)
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
      (sum(coalesce(b.requesting, 0)) over w)::int as requesting,
      (sum(coalesce(b.all_published, 0)) over w)::int as all_published,
      (sum(coalesce(b.any_published, 0)) over w)::int as any_published,
      (sum(coalesce(b.titles, 0)) over w)::int as titles,
      (sum(coalesce(b.published, 0)) over w)::int as published
    from days left join by_day b on b.day = days.day
    window w as (order by days.day)
    order by days.day
  `.execute(db)
  return rows
}

/** The term's 保障率 target in percent, or null. */
export const coverageTarget = async (db: Kysely<DB>, termId: string) =>
  (
    await db
      .selectFrom('course_coverage_targets')
      .select('target_percent')
      .where('term_id', '=', termId)
      .executeTakeFirst()
  )?.target_percent ?? null
