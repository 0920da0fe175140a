import { signIn, startServer } from '../packages/server/src/test/server-process.ts'
import { freshDatabase } from './bench-database.ts'
import { loadNow, machineNote, writeSection } from './report.ts'

// Issue 6's import target, on PostgreSQL and 2 cores: 1,540 courses, 50,000 enrolments and 3,600
// title requests in under 10 s. The requests come as the librarian's school-wide demand list
// (course code, ISBN, title, publisher), the way a library gathers them for a term. Each file goes
// through the console's path: upload (POST /api/files), preview (dry run), then apply.
const COURSES = Number(process.env.BENCH_COURSES ?? 1540)
const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 2)
const ENROLMENTS = Number(process.env.BENCH_ENROLMENTS ?? 50_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3600)
/** Whether this run has the target's sizes; a smaller one says so beside its total. */
const FULL_SIZE = COURSES >= 1540 && ENROLMENTS >= 50_000 && REQUESTS >= 3600
/** Distinct titles on the list: a third of the requests ask for a book another course asks for too. */
const TITLES = Number(process.env.BENCH_TITLES ?? Math.ceil((REQUESTS * 2) / 3))

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

const PUBLISHERS = [
  '高等教育出版社',
  '清华大学出版社',
  '机械工业出版社',
  '人民邮电出版社',
  '科学出版社',
  '北京大学出版社',
]

/** A valid ISBN-13 for the `index`th title: 978-7 and eight digits, then its check digit. */
const isbnOf = (index: number) => {
  const body = `9787${String(40_000_000 + index).padStart(8, '0')}`
  const sum = [...body].reduce((total, digit, at) => total + Number(digit) * (at % 2 ? 3 : 1), 0)
  return `${body}${(10 - (sum % 10)) % 10}`
}

/**
 * The demand list: row r asks course r mod COURSES for title r mod TITLES, so no course asks for
 * a title twice while titles past the first TITLES rows are asked for by a second course.
 */
const demandCsv = () => {
  const lines = ['课程代码,ISBN,书名,出版社']
  for (let row = 0; row < REQUESTS; row++) {
    const title = row % TITLES
    lines.push(
      [
        codeOf(row % COURSES),
        isbnOf(title),
        `教材${title}（第${1 + (title % 5)}版）`,
        PUBLISHERS[title % PUBLISHERS.length],
      ].join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

const fresh = await freshDatabase('courses')
const url = new URL(fresh.url)

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

  /** What an import answers that the table shows: its rows, its errors, and what it wrote. */
  interface Answer {
    rows: number
    problems: { severity: string }[]
  }

  const importFile = async <A extends Answer>(
    label: string,
    fileName: string,
    text: string,
    path: string,
    written: (answer: A) => string,
  ) => {
    const form = new FormData()
    form.append('file', new Blob([text], { type: 'text/csv' }), fileName)
    let started = performance.now()
    const file = (await api('/api/files', { method: 'POST', body: form })) as { id: string }
    const upload = performance.now() - started
    const run = async (dryRun: boolean) => {
      started = performance.now()
      const result = (await api(path, {
        method: 'POST',
        body: JSON.stringify({ termId, fileId: file.id, dryRun }),
      })) as unknown as A
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
      `| ${label} | ${apply.result.rows.toLocaleString('en')} | ${(text.length / 2 ** 20).toFixed(1)} | ${(upload / 1000).toFixed(2)} | ${(preview.ms / 1000).toFixed(2)} | ${(apply.ms / 1000).toFixed(2)} | ${written(apply.result)} |`,
    )
  }

  type OfficeAnswer = Answer & { counts: { courses: { create: number }; enrolments: { add: number } } }
  const office = (answer: OfficeAnswer) =>
    `${answer.counts.courses.create.toLocaleString('en')} courses, ${answer.counts.enrolments.add.toLocaleString('en')} enrolments`
  await importFile(
    `${COURSES.toLocaleString('en')} courses, ${SECTIONS} sections each`,
    'courses.csv',
    coursesCsv(),
    '/api/course-reserves/imports',
    office,
  )
  await importFile(
    `${ENROLMENTS.toLocaleString('en')} enrolments`,
    'enrolments.csv',
    enrolmentsCsv(),
    '/api/course-reserves/imports',
    office,
  )
  type DemandAnswer = Answer & {
    counts: { titles: { create: number }; requests: { add: number } }
    proposed: number
  }
  await importFile(
    `${REQUESTS.toLocaleString('en')} title requests (demand list)`,
    '教参需求清单.csv',
    demandCsv(),
    '/api/course-reserves/title-imports',
    (answer: DemandAnswer) =>
      `${answer.counts.titles.create.toLocaleString('en')} titles, ${answer.counts.requests.add.toLocaleString('en')} course requests, ${answer.proposed.toLocaleString('en')} matches proposed`,
  )
} finally {
  await server.stop()
  await fresh.drop()
}

writeSection(
  'course-import',
  `## Course reserves: importing the academic affairs office's courses and enrolments, and the demand list

Target from issue 6, on PostgreSQL and 2 cores: 1,540 courses, 3,600 title requests and 50,000
enrolments imported in under 10 s. Three files, each as the console sends it: upload, preview (a
dry run checking every row), then apply (the same checks and every write in one transaction) —
the office's course list and its enrolments, then the librarian's school-wide demand list (course
code, ISBN, title, publisher), whose apply also matches the new titles against the e-holdings.

${machineNote(loadAtStart)}
- server: \`shuqiao serve\` in its own process on a fresh PostgreSQL database with the demo data.
- files: CSV with CRLF lines; student numbers no account has yet (each kept, to be linked later);
  the demand list asks for ${TITLES.toLocaleString('en')} distinct titles with valid ISBN-13s, ${(REQUESTS - TITLES).toLocaleString('en')} of them by two courses.

| file | rows | MiB | upload s | preview s | apply s | written |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

Upload and apply of the three files together: **${(applied / 1000).toFixed(1)} s** (${
    FULL_SIZE
      ? applied < 10_000
        ? 'within the 10 s target'
        : '**beyond** the 10 s target'
      : 'a reduced run: the 10 s target is for 1,540 courses, 50,000 enrolments and 3,600 requests'
  }).
`,
)
