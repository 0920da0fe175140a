import type { Role } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { seedDemoCatalogue } from '../../modules/catalogue/catalogue.demo.ts'
import { seedDemoCirculation } from '../../modules/circulation/circulation.demo.ts'
import {
  DEMO_CLASSMATE_NUMBER,
  DEMO_CLASSMATES,
  DEMO_TEACHER_NUMBER,
  DEMO_TEACHERS,
  seedDemoCourseReserves,
} from '../../modules/course-reserves/course-reserves.demo.ts'
import { writeDemoFiles as writeDemoReserveFiles } from '../../modules/course-reserves/course-reserves.demo-shelf.ts'
import { seedDemoEResources } from '../../modules/e-resources/e-resources.demo.ts'
import { seedDemoPhases } from '../../modules/operations/operations.demo.ts'
import { seedDemoReferenceDesk, seedDemoRoster } from '../../modules/reference-desk/reference-desk.demo.ts'
import { seedDemoReplyTemplates } from '../../modules/requests/reply-templates.demo.ts'
import { seedDemoRequestTeams } from '../../modules/requests/requests.demo.ts'
import { todayIn } from '../libraries/calendar.ts'
import { hashPassword } from '../session/passwords.ts'
import { seedDemoSimilarityChecks } from './demo-similarity-checks.ts'

export const DEMO_PASSWORD = 'shuqiao2020'

interface DemoLibrary {
  code: string
  nameZh: string
  nameEn: string
  departments: [code: string, zh: string, en: string][]
  people: Record<'reader' | 'librarian' | 'subject' | 'admin', string>
}

const LIBRARIES: DemoLibrary[] = [
  {
    code: 'sjtu',
    nameZh: '上海交通大学图书馆',
    nameEn: 'Shanghai Jiao Tong University Library',
    departments: [
      ['SEIEE', '电子信息与电气工程学院', 'School of Electronic Information and Electrical Engineering'],
      ['ME', '机械与动力工程学院', 'School of Mechanical Engineering'],
      ['MED', '医学院', 'School of Medicine'],
      ['ACEM', '安泰经济与管理学院', 'Antai College of Economics and Management'],
    ],
    people: { reader: '李明', librarian: '王芳', subject: '张伟', admin: '陈静' },
  },
  {
    code: 'fudan',
    nameZh: '复旦大学图书馆',
    nameEn: 'Fudan University Library',
    departments: [
      ['CHN', '中国语言文学系', 'Department of Chinese Language and Literature'],
      ['PHY', '物理学系', 'Department of Physics'],
      ['ECON', '经济学院', 'School of Economics'],
      ['SHMC', '上海医学院', 'Shanghai Medical College'],
    ],
    people: { reader: '刘洋', librarian: '赵敏', subject: '孙磊', admin: '周婷' },
  },
  {
    code: 'tongji',
    nameZh: '同济大学图书馆',
    nameEn: 'Tongji University Library',
    departments: [
      ['CAUP', '建筑与城市规划学院', 'College of Architecture and Urban Planning'],
      ['CE', '土木工程学院', 'College of Civil Engineering'],
      ['AUTO', '汽车学院', 'School of Automotive Studies'],
      ['FL', '外国语学院', 'School of Foreign Studies'],
    ],
    people: { reader: '吴杰', librarian: '郑丽', subject: '黄涛', admin: '何雪' },
  },
]

/** Reader numbers of the demo accounts; the same in every library, told apart by the library chosen at sign-in. */
export const DEMO_ACCOUNTS = [
  { readerNumber: '2020001', role: 'reader', type: 'student', person: 'reader' },
  { readerNumber: 'L001', role: 'librarian', type: 'staff', person: 'librarian' },
  { readerNumber: 'S001', role: 'subject_librarian', type: 'staff', person: 'subject' },
  { readerNumber: 'A001', role: 'library_admin', type: 'staff', person: 'admin' },
] as const

export const DEMO_CONSORTIUM_ADMIN = 'admin'

export interface DemoWorld {
  consortiumId: string
  libraries: { id: string; code: string; departmentIds: string[]; accounts: Record<string, string> }[]
  consortiumAdminId: string
}

/**
 * 上海市高校图书馆: three member libraries, four departments each, one account per role per
 * library and one consortium admin, all with DEMO_PASSWORD. Does nothing if already there.
 * `roster` adds the reference desk's duty roster: it puts librarians on duty by the wall clock,
 * so the demo server has it and tests and benches, which set duty themselves, do not.
 */
export const seedDemo = async (
  db: Kysely<DB>,
  { roster = false }: { roster?: boolean } = {},
): Promise<DemoWorld | undefined> => {
  const existing = await db
    .selectFrom('consortia')
    .select('id')
    .where('code', '=', 'shanghai')
    .executeTakeFirst()
  if (existing) return undefined
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  return db.transaction().execute(async (trx) => {
    const consortiumId = uuidv7()
    await trx
      .insertInto('consortia')
      .values({
        id: consortiumId,
        code: 'shanghai',
        name_zh: '上海市高校图书馆',
        name_en: 'Shanghai University Libraries',
      })
      .execute()
    const world: DemoWorld = { consortiumId, libraries: [], consortiumAdminId: uuidv7() }
    for (const [index, library] of LIBRARIES.entries()) {
      const libraryId = uuidv7()
      await trx
        .insertInto('libraries')
        .values({
          id: libraryId,
          consortium_id: consortiumId,
          code: library.code,
          name_zh: library.nameZh,
          name_en: library.nameEn,
        })
        .execute()
      await trx
        .insertInto('library_calendar_days')
        .values(
          ['2027-01-01', '2027-02-16', '2027-02-17', '2027-02-18'].map((day) => ({
            library_id: libraryId,
            day,
            open: false,
            note: day === '2027-01-01' ? '元旦' : '春节',
          })),
        )
        .execute()
      const departmentIds = library.departments.map(() => uuidv7())
      await trx
        .insertInto('departments')
        .values(
          library.departments.map(([code, zh, en], index) => ({
            id: departmentIds[index]!,
            library_id: libraryId,
            code,
            name_zh: zh,
            name_en: en,
          })),
        )
        .execute()
      const accounts: Record<string, string> = {}
      for (const demo of DEMO_ACCOUNTS) {
        const id = uuidv7()
        accounts[demo.role] = id
        await trx
          .insertInto('accounts')
          .values({
            id,
            consortium_id: consortiumId,
            library_id: libraryId,
            reader_number: demo.readerNumber,
            name: library.people[demo.person],
            type: demo.type,
            department_id: demo.role === 'reader' ? departmentIds[0]! : null,
            email: `${demo.readerNumber.toLowerCase()}@${library.code}.example.edu.cn`,
            phone: null,
            password_hash: passwordHash,
          })
          .execute()
        const roles: Role[] = demo.role === 'reader' ? ['reader'] : ['reader', demo.role]
        await trx
          .insertInto('account_roles')
          .values(roles.map((role) => ({ account_id: id, role })))
          .execute()
        if (demo.role === 'subject_librarian') {
          await trx
            .insertInto('subject_assignments')
            .values(
              departmentIds.slice(0, 2).map((departmentId) => ({
                account_id: id,
                department_id: departmentId,
                library_id: libraryId,
              })),
            )
            .execute()
        }
      }
      await seedDemoCatalogue(trx, libraryId, library.code, index)
      await seedDemoCirculation(trx, libraryId, {
        reader: accounts.reader!,
        subject: accounts.subject_librarian!,
        admin: accounts.library_admin!,
      })
      await seedDemoEResources(trx, { id: libraryId, code: library.code, ownerId: accounts.librarian }, index)
      await seedDemoRequestTeams(trx, libraryId, accounts.librarian!)
      await seedDemoCourseReserves(
        trx,
        {
          id: libraryId,
          consortiumId,
          code: library.code,
          departmentIds,
          departmentNames: library.departments.map(([, zh]) => zh),
          readerId: accounts.reader!,
          librarianId: accounts.librarian!,
          passwordHash,
        },
        todayIn('Asia/Shanghai', new Date()),
      )
      await seedDemoReferenceDesk(trx, libraryId)
      if (roster)
        await seedDemoRoster(trx, libraryId, {
          librarian: accounts.librarian!,
          subject: accounts.subject_librarian!,
          admin: accounts.library_admin!,
        })
      await seedDemoPhases(trx, libraryId)
      world.libraries.push({ id: libraryId, code: library.code, departmentIds, accounts })
      if (library.code === 'sjtu')
        await seedDemoSimilarityChecks(
          trx,
          { id: libraryId, departmentIds, accounts },
          library.departments.map(([, zh]) => zh),
        )
    }
    await trx
      .insertInto('accounts')
      .values({
        id: world.consortiumAdminId,
        consortium_id: consortiumId,
        library_id: null,
        reader_number: DEMO_CONSORTIUM_ADMIN,
        name: '市高校图工委管理员',
        type: 'staff',
        department_id: null,
        email: 'admin@shanghai-libraries.example.org',
        phone: null,
        password_hash: passwordHash,
      })
      .execute()
    await trx
      .insertInto('account_roles')
      .values({ account_id: world.consortiumAdminId, role: 'consortium_admin' })
      .execute()
    await seedDemoReplyTemplates(trx, world.libraries)
    return world
  })
}

/** Writes the files the demo's rows point to (a reserve item's PDF) into `filesDir`, if missing. */
export const writeDemoFiles = (filesDir: string) => writeDemoReserveFiles(filesDir)

/** The sign-in table printed on start and kept in the README. */
export const demoAccountsTable = () => {
  const lines = ['Demo accounts (password / 密码: shuqiao2020):']
  for (const library of LIBRARIES) {
    lines.push(`  ${library.nameZh} (${library.nameEn})`)
    for (const demo of DEMO_ACCOUNTS) {
      lines.push(`    ${demo.readerNumber.padEnd(8)} ${library.people[demo.person]}  ${demo.role}`)
    }
    lines.push(`    ${DEMO_TEACHER_NUMBER.padEnd(8)} ${DEMO_TEACHERS[library.code]}  reader (teacher / 教师)`)
    lines.push(
      `    ${DEMO_CLASSMATE_NUMBER.padEnd(8)} ${DEMO_CLASSMATES[library.code]}  reader (student / 学生)`,
    )
  }
  lines.push(`  上海市高校图书馆 (consortium / 联盟): ${DEMO_CONSORTIUM_ADMIN}  consortium_admin`)
  return lines.join('\n')
}
