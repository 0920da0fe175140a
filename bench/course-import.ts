import pg from 'pg'
import { signIn, startServer } from '../packages/server/src/test/server-process.ts'
import { loadNow, machineNote, writeSection } from './report.ts'

// Issue 6's import target, on PostgreSQL and 2 cores: 1,540 courses and 50,000 enrolments (with
// the teachers' 3,600 title requests, imported by the demand-list import) in under 10 s. Each file
// goes through the console's path: upload (POST /api/files), preview (dry run), then apply.
const COURSES = Number(process.env.BENCH_COURSES ?? 1540)
const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 2)
const ENROLMENTS = Number(process.env.BENCH_ENROLMENTS ?? 50_000)
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const CATEGORIES = ['公共基础课', '专业基础课', '专业选修课', '专业前沿课']
const DEPARTMENTS = ['电子信息与电气工程学院', '机械与动力工程学院', '人文学院', '医学院', '经济与管理学院']
const CAMPUSES = ['闵行', '徐汇']
const codeOf = (index: number) => `BX${String(index).padStart(5, '0')}`

/** One row per class section, as offices export them; every course has two teachers. */
const coursesCsv = () => {
  const lines = ['校区,开课学院,课程代码,课程名称,课程类别,班级名称,任课教师,人数']
  for (let course = 0; course < COURSES; course++) {
    for (let section = 0; section < SECTIONS; section++) {
      lines.push(
        [
          CAMPUSES[section % CAMPUSES.length],
          DEPARTMENTS[course % DEPARTMENTS.length],
          codeOf(course),
          `课程${course}（${course % 7 === 0 ? '混合式' : '线上'}）`,
          CATEGORIES[course % CATEGORIES.length],
          `B${2200 + section}${String(course).padStart(4, '0')}`,
          `教师${course % 400}/教师${(course + 17) % 400}`,
          String(20 + (course % 40)),
        ].join(','),
      )
    }
  }
  return `${lines.join('\r\n')}\r\n`
}

/** Enrolments spread over the courses; student numbers no account has yet, as after a new intake. */
const enrolmentsCsv = () => {
  const lines = ['课程代码,学号']
  for (let row = 0; row < ENROLMENTS; row++)
    lines.push(`${codeOf(row % COURSES)},${String(520_000_000 + row).padStart(9, '0')}`)
  return `${lines.join('\r\n')}\r\n`
}

const name = `shuqiao_bench_courses_${process.pid}`
const admin = new pg.Client({ connectionString: POSTGRES_URL })
await admin.connect()
await admin.query(`drop database if exists ${name} with (force)`)
await admin.query(`create database ${name}`)
await admin.end()
const url = new URL(POSTGRES_URL)
url.pathname = `/${name}`

const loadAtStart = loadNow()
const server = await startServer({ DATABASE_URL: url.toString(), FILE_MAX_BYTES: String(50 * 2 ** 20) })
const rows: string[] = []
let applied = 0
try {
  const cookie = await signIn(server.url, 'sjtu', 'L001')
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        cookie,
        origin: server.url,
        ...(init.body instanceof FormData ? {} : { 'content-type': 'application/json' }),
      },
    })
    const body = (await response.json()) as Record<string, unknown>
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body).slice(0, 400)}`)
    return body
  }
  const terms = (await api('/api/course-reserves/terms')) as { items: { id: string; current: boolean }[] }
  const termId = terms.items.find((term) => term.current)!.id

  const importFile = async (label: string, fileName: string, text: string) => {
    const form = new FormData()
    form.append('file', new Blob([text], { type: 'text/csv' }), fileName)
    let started = performance.now()
    const file = (await api('/api/files', { method: 'POST', body: form })) as { id: string }
    const upload = performance.now() - started
    const run = async (dryRun: boolean) => {
      started = performance.now()
      const result = (await api('/api/course-reserves/imports', {
        method: 'POST',
        body: JSON.stringify({ termId, fileId: file.id, dryRun }),
      })) as {
        rows: number
        counts: { courses: { create: number }; enrolments: { add: number } }
        problems: { severity: string }[]
      }
      const errors = result.problems.filter((problem) => problem.severity === 'error').length
      if (errors) throw new Error(`${label}: ${errors} errors`)
      return { ms: performance.now() - started, result }
    }
    const preview = await run(true)
    const apply = await run(false)
    applied += upload + apply.ms
    console.log(
      `${label}: upload ${upload.toFixed(0)} ms, preview ${preview.ms.toFixed(0)} ms, apply ${apply.ms.toFixed(0)} ms`,
    )
    rows.push(
      `| ${label} | ${apply.result.rows.toLocaleString('en')} | ${(text.length / 2 ** 20).toFixed(1)} | ${(upload / 1000).toFixed(2)} | ${(preview.ms / 1000).toFixed(2)} | ${(apply.ms / 1000).toFixed(2)} | ${apply.result.counts.courses.create.toLocaleString('en')} courses, ${apply.result.counts.enrolments.add.toLocaleString('en')} enrolments |`,
    )
  }
  await importFile(
    `${COURSES.toLocaleString('en')} courses, ${SECTIONS} sections each`,
    'courses.csv',
    coursesCsv(),
  )
  await importFile(`${ENROLMENTS.toLocaleString('en')} enrolments`, 'enrolments.csv', enrolmentsCsv())
} finally {
  await server.stop()
  const again = new pg.Client({ connectionString: POSTGRES_URL })
  await again.connect()
  await again.query(`drop database if exists ${name} with (force)`)
  await again.end()
}

writeSection(
  'course-import',
  `## Course reserves: importing the academic affairs office's courses and enrolments

Target from issue 6, on PostgreSQL and 2 cores: 1,540 courses, 3,600 title requests and 50,000
enrolments imported in under 10 s. Courses and enrolments are measured here, each file as the
console sends it: upload, preview (a dry run checking every row), then apply (the same checks and
every write in one transaction). The title requests come with the demand-list import.

${machineNote(loadAtStart)}
- server: \`shuqiao serve\` in its own process on a fresh PostgreSQL database with the demo data.
- files: CSV with CRLF lines; student numbers no account has yet (each kept, to be linked later).

| file | rows | MiB | upload s | preview s | apply s | written |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

Upload and apply together: **${(applied / 1000).toFixed(1)} s** (${applied < 10_000 ? 'within' : '**beyond**'} the 10 s target for these two files).
`,
)
