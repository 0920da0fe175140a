import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { makeFilesDir, PDF } from '../../platform/files/files.fixtures.ts'
import { gbk } from '../../platform/spreadsheets/gbk.fixtures.ts'
import { realdataDir } from '../../test/realdata.ts'
import { useTestApp } from '../../test/test-app.ts'
import { COURSE_IMPORT_MAX_BYTES } from './course-import.file.ts'
import { csv, importList, newTerm, uploadList } from './course-reserves.fixtures.ts'

const filesDir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: filesDir, FILE_UPLOADS_PER_HOUR: '1000' })
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const samples = new URL('../../../../web/public/samples/', import.meta.url).pathname
const SAMPLE = readFileSync(join(samples, 'courses-sample.csv'))
const ENROLMENTS = readFileSync(join(samples, 'enrolments-sample.csv'))

// The real export of an academic affairs office (../shared/realdata/courses beside the checkout,
// or SHUQIAO_REALDATA): read from there, not copied, and its test runs where it is present.
const realFile = join(realdataDir('courses'), 'testInfo.csv')

type Problem = { line: number; code: string; severity: string; column: string | null; message: string }
const codes = (problems: Problem[], severity: 'error' | 'warning') =>
  problems.filter((problem) => problem.severity === severity).map((problem) => [problem.line, problem.code])

const coursesOf = (termId: string) =>
  t.ctx.db.selectFrom('courses').selectAll().where('term_id', '=', termId).orderBy('code').execute()

const teachersOf = (courseId: string) =>
  t.ctx.db
    .selectFrom('course_teachers')
    .select(['name', 'staff_number', 'account_id', 'position'])
    .where('course_id', '=', courseId)
    .orderBy('position')
    .execute()

describe('importing the academic affairs office’s courses', () => {
  it.skipIf(!existsSync(realFile))(
    'imports the real export as it is: 6,205 class sections become 181 courses with their classes and teachers, and again changes nothing',
    async () => {
      const librarian = await t.as('librarian')
      const termId = await newTerm(t, librarian, '2025-2026-1')
      const bytes = readFileSync(realFile)
      const preview = await importList(t, librarian, termId, bytes, { name: 'testInfo.csv' })
      expect(preview.statusCode, preview.body).toBe(200)
      const body = preview.json()
      expect(body.mapping).toEqual({
        courseCode: '课程代码',
        courseName: '课程名称',
        courseNameEn: null,
        category: null,
        department: '开课学院',
        campus: '校区',
        className: '班级名称',
        teachers: '任课教师',
        teacherNumbers: null,
        headcount: '人数',
        studentNumber: null,
      })
      expect(body.suggested).toEqual(body.mapping)
      expect(body.rows).toBe(6205)
      expect(codes(body.problems, 'error')).toEqual([])
      // The office's colleges are not the demo library's departments: kept as written, said once each.
      expect(new Set(body.problems.map((problem: Problem) => problem.code))).toEqual(
        new Set(['unknown_department']),
      )
      expect(body.counts.courses).toEqual({ create: 181, update: 0, unchanged: 0 })
      expect(await coursesOf(termId)).toEqual([])

      const applied = await importList(t, librarian, termId, bytes, { apply: true, name: 'testInfo.csv' })
      expect(applied.statusCode, applied.body).toBe(200)
      expect(applied.json()).toMatchObject({ applied: true, counts: body.counts })
      const courses = await coursesOf(termId)
      expect(courses).toHaveLength(181)
      const mixed = courses.find((course) => course.code === 'DG1003TXS')!
      // Full-width brackets folded: 电路分析基础A（混合式）.
      expect(mixed.name_zh).toBe('电路分析基础A(混合式)')
      const circuits = courses.find((course) => course.code === 'DG1003F4S')!
      expect(circuits).toMatchObject({
        name_zh: '电路分析基础A',
        department_name: '电子与光学工程学院',
        department_id: null,
        campuses: ['三牌楼', '仙林'],
        headcount: 30,
      })
      expect(circuits.class_names).toHaveLength(20)
      expect(circuits.class_names.slice(0, 2)).toEqual(['B200112', 'B220223'])
      // Several teachers of one section, joined by “/”, are each the course's teacher.
      const shared = (
        await t.ctx.db
          .selectFrom('course_teachers as t')
          .innerJoin('courses as c', 'c.id', 't.course_id')
          .select(['c.code', 't.name'])
          .where('c.term_id', '=', termId)
          .where('t.name', 'in', ['教师201', '教师185'])
          .execute()
      ).filter((row) => row.name === '教师201')
      expect(shared.length).toBeGreaterThan(0)
      for (const { code } of shared) {
        const id = courses.find((course) => course.code === code)!.id
        expect((await teachersOf(id)).map((teacher) => teacher.name)).toContain('教师185')
      }

      const again = await importList(t, librarian, termId, bytes, { apply: true, name: 'testInfo.csv' })
      expect(again.json().counts).toEqual({
        courses: { create: 0, update: 0, unchanged: 181 },
        teachers: { add: 0, linked: 0 },
        enrolments: { add: 0, existing: 0, withoutAccount: 0 },
      })
      expect(await coursesOf(termId)).toEqual(courses)
      const audit = await t.ctx.db
        .selectFrom('audit_events')
        .select(['action', 'entity_label'])
        .where('entity_id', '=', termId)
        .where('action', '=', 'course_term.import')
        .execute()
      expect(audit).toHaveLength(2)
    },
  )

  it('suggests the sample’s columns, links teachers by staff number and departments by name, and applies it', async () => {
    const librarian = await t.as('librarian')
    const termId = await newTerm(t, librarian, 'sample-1')
    const preview = (await importList(t, librarian, termId, SAMPLE)).json()
    expect(preview.mapping).toMatchObject({
      courseCode: '课程代码',
      category: '课程类别',
      teachers: '任课教师',
      teacherNumbers: '教师工号',
      headcount: '人数',
    })
    expect(codes(preview.problems, 'error')).toEqual([])
    expect(codes(preview.problems, 'warning')).toEqual([[9, 'unknown_department']])
    expect(preview.problems[0].message).toContain('马克思主义学院')
    expect(preview.counts).toEqual({
      courses: { create: 5, update: 0, unchanged: 0 },
      teachers: { add: 7, linked: 1 },
      enrolments: { add: 0, existing: 0, withoutAccount: 0 },
    })
    expect(preview.courses[0]).toEqual({
      line: 2,
      code: 'EE2001',
      nameZh: '电路基础',
      action: 'create',
      teachers: ['高建国', '周明'],
      classCount: 3,
      enrolments: 0,
    })

    const applied = await importList(t, librarian, termId, SAMPLE, { apply: true })
    expect(applied.json().applied).toBe(true)
    const courses = await coursesOf(termId)
    const circuits = courses.find((course) => course.code === 'EE2001')!
    const sjtu = t.world.libraries[0]!
    expect(circuits).toMatchObject({
      category: 'major_basic',
      department_id: sjtu.departmentIds[0],
      campuses: ['闵行', '徐汇'],
      headcount: 90,
    })
    expect(courses.find((course) => course.code === 'ME3302')!.name_zh).toBe('机械设计(双语)')
    const teacher = await t.ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('library_id', '=', sjtu.id)
      .where('reader_number', '=', 'T001')
      .executeTakeFirstOrThrow()
    expect(await teachersOf(circuits.id)).toEqual([
      { name: '高建国', staff_number: 'T001', account_id: teacher.id, position: 0 },
      { name: '周明', staff_number: 'T0452', account_id: null, position: 1 },
    ])
  })

  it('imports enrolments by student number into the courses already there, and again without duplicating them', async () => {
    const librarian = await t.as('librarian')
    const termId = await newTerm(t, librarian, 'sample-2')
    await importList(t, librarian, termId, SAMPLE, { apply: true })
    const preview = (await importList(t, librarian, termId, ENROLMENTS)).json()
    expect(preview.mapping).toMatchObject({ courseCode: '课程代码', studentNumber: '学号', courseName: null })
    expect(codes(preview.problems, 'error')).toEqual([])
    expect(codes(preview.problems, 'warning')).toEqual([
      [3, 'unknown_student_number'],
      [4, 'unknown_student_number'],
      [6, 'unknown_student_number'],
      [7, 'unknown_student_number'],
    ])
    expect(preview.counts).toEqual({
      courses: { create: 0, update: 0, unchanged: 3 },
      teachers: { add: 0, linked: 0 },
      enrolments: { add: 6, existing: 0, withoutAccount: 4 },
    })
    await importList(t, librarian, termId, ENROLMENTS, { apply: true })
    const again = (await importList(t, librarian, termId, ENROLMENTS, { apply: true })).json()
    expect(again.counts.enrolments).toEqual({ add: 0, existing: 6, withoutAccount: 0 })
    const rows = await t.ctx.db
      .selectFrom('course_enrolments as e')
      .innerJoin('courses as c', 'c.id', 'e.course_id')
      .select(['c.code', 'e.student_number', 'e.account_id'])
      .where('c.term_id', '=', termId)
      .orderBy('c.code')
      .orderBy('e.student_number')
      .execute()
    expect(rows).toHaveLength(6)
    expect(rows.find((row) => row.student_number === '2020001')!.account_id).toBe(
      t.world.libraries[0]!.accounts.reader,
    )
  })

  it('lists every row’s problem by line, and refuses to apply any of it while one remains', async () => {
    const librarian = await t.as('librarian')
    const termId = await newTerm(t, librarian, 'bad-1')
    const file = csv([
      '课程号,课程名,课程性质,学号,人数',
      'CS101,程序设计,专业基础课,2020001,30',
      ',无代码课程,专业基础课,2020002,30',
      'CS102,数据结构,必修,2020003,30',
      'CS101,程序设计,专业基础课,2020001,30',
      'CS103,算法,专业选修课,学号 有空格!,30',
      'CS104,<b>加粗</b>,专业选修课,,三十',
    ])
    const preview = (await importList(t, librarian, termId, file)).json()
    expect(preview.mapping).toMatchObject({
      courseCode: '课程号',
      courseName: '课程名',
      category: '课程性质',
      studentNumber: '学号',
      headcount: '人数',
    })
    expect(codes(preview.problems, 'error')).toEqual([
      [3, 'missing_code'],
      [4, 'bad_category'],
      [6, 'bad_student_number'],
      [7, 'unsafe_characters'],
      [7, 'bad_headcount'],
    ])
    expect(codes(preview.problems, 'warning')).toContainEqual([5, 'duplicate_enrolment'])
    const byLine = new Map(
      preview.problems.map((problem: Problem) => [`${problem.line}:${problem.code}`, problem]),
    )
    expect((byLine.get('4:bad_category') as Problem).message).toContain('必修')
    expect((byLine.get('4:bad_category') as Problem).column).toBe('课程性质')

    const refused = await importList(t, librarian, termId, file, { apply: true })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().code).toBe('import_has_problems')
    expect(refused.json().problems.map((problem: Problem) => problem.line)).toEqual([3, 4, 6, 7, 7])
    expect(await coursesOf(termId)).toEqual([])
  })

  it('refuses an enrolment in a course the term does not have when the file cannot create it', async () => {
    const librarian = await t.as('librarian')
    const termId = await newTerm(t, librarian, 'bad-2')
    const preview = (await importList(t, librarian, termId, ENROLMENTS)).json()
    expect(codes(preview.problems, 'error')).toEqual([
      [2, 'unknown_course'],
      [5, 'unknown_course'],
      [7, 'unknown_course'],
    ])
  })

  it('takes the columns the librarian chooses when the headers are the office’s own', async () => {
    const librarian = await t.as('librarian')
    const termId = await newTerm(t, librarian, 'mapped')
    const file = csv([
      'Kennung,Bezeichnung,Lehrende',
      'ＭＡ　１０１,线性代数,钱文/孙丽',
      'MA101,线性代数,钱文',
    ])
    const suggested = (await importList(t, librarian, termId, file)).json()
    expect(suggested.headers).toEqual(['Kennung', 'Bezeichnung', 'Lehrende'])
    expect(codes(suggested.problems, 'error')).toEqual([[1, 'missing_column']])

    const wrong = (
      await importList(t, librarian, termId, file, { mapping: { courseCode: 'Kennung', courseName: '名称' } })
    ).json()
    expect(codes(wrong.problems, 'error')).toEqual([[1, 'unknown_column']])
    const twice = (
      await importList(t, librarian, termId, file, {
        mapping: { courseCode: 'Kennung', courseName: 'Kennung' },
      })
    ).json()
    expect(codes(twice.problems, 'error')).toEqual([[1, 'column_used_twice']])

    const mapping = { courseCode: 'Kennung', courseName: 'Bezeichnung', teachers: 'Lehrende' }
    const applied = (await importList(t, librarian, termId, file, { apply: true, mapping })).json()
    expect(applied.counts.courses).toEqual({ create: 1, update: 0, unchanged: 0 })
    const [course] = await coursesOf(termId)
    // Full-width letters, digits and the ideographic space folded: ＭＡ　１０１ is MA101.
    expect(course!.code).toBe('MA101')
    expect((await teachersOf(course!.id)).map((teacher) => teacher.name)).toEqual(['钱文', '孙丽'])
  })

  it('reads GBK text and Excel workbooks as well', async () => {
    const librarian = await t.as('librarian')
    const termId = await newTerm(t, librarian, 'encodings')
    const gbkFile = gbk('课程代码,课程名称,任课教师\r\nPH201,大学物理,黄涛\r\n')
    const fromGbk = (await importList(t, librarian, termId, gbkFile, { apply: true, name: 'gbk.csv' })).json()
    expect(fromGbk.counts.courses.create).toBe(1)

    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('开课计划')
    sheet.addRow(['课程代码', '课程名称', '课程类别', '人数'])
    sheet.addRow(['PH201', '大学物理', '公共基础课', 120])
    sheet.addRow(['CH101', '大学化学', '公共基础课', 80])
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
    const fromExcel = (
      await importList(t, librarian, termId, xlsx, { apply: true, name: '开课计划.xlsx' })
    ).json()
    expect(fromExcel.counts.courses).toEqual({ create: 1, update: 1, unchanged: 0 })
    const courses = await coursesOf(termId)
    expect(courses.map((course) => [course.code, course.category, course.headcount])).toEqual([
      ['CH101', 'public_basic', 80],
      ['PH201', 'public_basic', 120],
    ])
  })

  it('names a file that is not a list, or too large, as the problem, and imports nothing', async () => {
    const librarian = await t.as('librarian')
    const termId = await newTerm(t, librarian, 'not-lists')
    const pdf = (await importList(t, librarian, termId, PDF, { name: '课表.pdf' })).json()
    expect(codes(pdf.problems, 'error')).toEqual([[0, 'not_a_table']])
    expect(pdf.problems[0].message).toContain('不是 CSV 或 Excel')
    const big = Buffer.concat([
      Buffer.from('课程代码,课程名称\r\n'),
      Buffer.alloc(COURSE_IMPORT_MAX_BYTES, 'A'),
    ])
    const tooLarge = (await importList(t, librarian, termId, big)).json()
    expect(codes(tooLarge.problems, 'error')).toEqual([[0, 'file_too_large']])
    const refused = await importList(t, librarian, termId, PDF, { apply: true, name: '课表.pdf' })
    expect(refused.json().code).toBe('import_has_problems')
  })

  it('writes all or nothing: a failure while writing leaves the term as it was', async () => {
    const librarian = await t.as('librarian')
    const termId = await newTerm(t, librarian, 'atomic')
    // The database itself refuses one enrolment, after the courses and teachers are written.
    await sql`create function refuse_enrolment() returns trigger language plpgsql as $$
      begin
        if new.student_number = '999999' then raise exception 'refused for the test'; end if;
        return new;
      end $$`.execute(t.ctx.db)
    await sql`create trigger refuse_enrolment before insert on course_enrolments
      for each row execute function refuse_enrolment()`.execute(t.ctx.db)
    try {
      const file = csv([
        '课程代码,课程名称,任课教师,学号',
        'AT101,原子课程,甲老师,2020001',
        'AT102,另一门,乙老师,999999',
      ])
      const failed = await importList(t, librarian, termId, file, { apply: true })
      expect(failed.statusCode).toBe(500)
      expect(await coursesOf(termId)).toEqual([])
      const teachers = await t.ctx.db
        .selectFrom('course_teachers')
        .select('id')
        .where('name', '=', '甲老师')
        .execute()
      expect(teachers).toEqual([])
    } finally {
      await sql`drop trigger refuse_enrolment on course_enrolments`.execute(t.ctx.db)
      await sql`drop function refuse_enrolment`.execute(t.ctx.db)
    }
  })

  it('keeps another library’s terms out of reach', async () => {
    const sjtuLibrarian = await t.as('librarian')
    const termId = await newTerm(t, sjtuLibrarian, 'private')
    const fudanLibrarian = await t.as('librarian', 'fudan')
    const fileId = await uploadList(t, fudanLibrarian, SAMPLE)
    const response = await t.request({
      method: 'POST',
      url: '/api/course-reserves/imports',
      cookie: fudanLibrarian,
      payload: { termId, fileId, dryRun: true },
    })
    expect(response.statusCode).toBe(404)
    const reader = await t.as('reader')
    const asReader = await t.request({
      method: 'POST',
      url: '/api/course-reserves/imports',
      cookie: reader,
      payload: { termId, fileId, dryRun: true },
    })
    expect(asReader.statusCode).toBe(403)
  })
})
