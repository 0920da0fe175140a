import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB, PublisherContactKind } from '../../db/schema.ts'
import { blobPath } from '../../platform/files/files.storage.ts'
import { newCode } from './permalinks.ts'
import { publisherKey } from './publishers.repository.ts'

// What makes the demo library's course reserves console look in use on first start: publishers
// the library has been writing to, with their contact logs, and two items already on the shelf
// (a platform link and a digitised chapter) that readers have been opening. Only in one library
// (sjtu), and with publishers no test asks for by name, so tests of the others start empty.
// No requested titles: the term's coverage figures start from zero and count what a user adds.

/** A one-page PDF saying what it is; only ASCII, so it needs no embedded font. */
const demoPdf = () => {
  const text = [
    'Shuqiao demo / course reserves',
    'Chapter 1: An overview of the discipline (sample pages)',
    'Uploaded by the library for the demo course MB2101.',
  ]
  const stream = `BT /F1 14 Tf 56 760 Td 18 TL ${text.map((line) => `(${line}) '`).join(' ')} ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((object, index) => {
    const at = body.length
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
    return at
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

const DEMO_PDF = demoPdf()
const DEMO_PDF_SHA256 = createHash('sha256').update(DEMO_PDF).digest('hex')

/** Puts the demo chapter's bytes where its file row says they are, unless they are there already. */
export const writeDemoFiles = async (filesDir: string) => {
  const path = blobPath(filesDir, DEMO_PDF_SHA256)
  if (existsSync(path)) return
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, DEMO_PDF)
}

interface DemoPublisher {
  name: string
  contactPerson: string
  email: string
  phone: string
  note: string | null
  /** Contact entries, `daysAgo` before the demo's day. */
  log: { kind: PublisherContactKind; daysAgo: number; note: string }[]
}

const PUBLISHERS: DemoPublisher[] = [
  {
    name: '北京大学出版社',
    contactPerson: '周编辑',
    email: 'jiaocai@pup.example.cn',
    phone: '010-6275 0000',
    note: '数字教材部负责电子教参授权',
    log: [
      { kind: 'contacted', daysAgo: 21, note: '发函说明本学期课程教参需求，附课程清单' },
      { kind: 'replied', daysAgo: 17, note: '需提供选课人数和使用期限' },
      { kind: 'agreed', daysAgo: 10, note: '同意按学期授权，限校园网内在线阅读' },
    ],
  },
  {
    name: '上海交通大学出版社',
    contactPerson: '陈老师',
    email: 'digital@sjtupress.example.cn',
    phone: '021-6407 0000',
    note: null,
    log: [
      { kind: 'contacted', daysAgo: 14, note: '电话联系，询问专业导论相关教材电子版' },
      { kind: 'supplied', daysAgo: 6, note: '提供了第一章 PDF，已由馆员审核上架' },
    ],
  },
  {
    name: '化学工业出版社',
    contactPerson: '李经理',
    email: 'ebook@cip.example.cn',
    phone: '010-6451 0000',
    note: null,
    log: [
      { kind: 'contacted', daysAgo: 12, note: '邮件询问两种教材的电子版授权' },
      { kind: 'refused', daysAgo: 5, note: '电子版仅面向机构整体采购，暂不单本授权' },
    ],
  },
  {
    name: '电子工业出版社',
    contactPerson: '王编辑',
    email: 'service@phei.example.cn',
    phone: '010-8825 0000',
    note: '华信教育资源网有部分教材的配套电子资源',
    log: [{ kind: 'contacted', daysAgo: 3, note: '已发邮件，等待回复' }],
  },
]

const dayBefore = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10)

/**
 * The demo library's publishers with their contact logs, a link on ME3205 and a digitised
 * chapter on MB2101 (both approved, each with its permalink and a week of openings).
 */
export const seedDemoReserveShelf = async (
  trx: Kysely<DB>,
  library: { id: string; consortiumId: string; librarianId: string; courseIds: Record<string, string> },
  today: string,
) => {
  const now = new Date()
  for (const publisher of PUBLISHERS) {
    const publisherId = uuidv7()
    await trx
      .insertInto('course_publishers')
      .values({
        id: publisherId,
        library_id: library.id,
        name: publisher.name,
        name_key: await publisherKey(trx, publisher.name),
        contact_person: publisher.contactPerson,
        email: publisher.email,
        phone: publisher.phone,
        note: publisher.note,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await trx
      .insertInto('course_publisher_contacts')
      .values(
        publisher.log.map((entry) => ({
          id: uuidv7(),
          library_id: library.id,
          publisher_id: publisherId,
          kind: entry.kind,
          on_date: dayBefore(today, entry.daysAgo),
          note: entry.note,
          created_by: library.librarianId,
          created_at: now,
        })),
      )
      .execute()
  }

  const items = [
    {
      courseCode: 'ME3205',
      kind: 'link' as const,
      name: '文献检索方法与实践（电子书）',
      note: '第 2—4 章为本课程必读，校外请通过图书馆代理访问。',
      linkUrl: 'https://ebooks.example.edu.cn/book/9787302147510',
      channel: 'owned_platform' as const,
      pages: [null, null] as const,
    },
    {
      courseCode: 'MB2101',
      kind: 'file' as const,
      name: '第一章 学科概览（示例）',
      note: '出版社授权本学期在线阅读，不提供下载。',
      linkUrl: null,
      channel: 'publisher_supplied' as const,
      pages: [24, 310] as const,
    },
  ]
  for (const [index, item] of items.entries()) {
    const courseId = library.courseIds[item.courseCode]
    if (!courseId) continue
    const itemId = uuidv7()
    const fileId = item.kind === 'file' ? uuidv7() : null
    if (fileId)
      await trx
        .insertInto('files')
        .values({
          id: fileId,
          consortium_id: library.consortiumId,
          library_id: library.id,
          sha256: DEMO_PDF_SHA256,
          size: DEMO_PDF.length,
          media_type: 'application/pdf',
          original_name: `${item.name}.pdf`,
          uploaded_by: library.librarianId,
          created_at: now,
          owner_kind: 'course_reserve_item',
          owner_id: itemId,
          attached_at: now,
          metered: false,
        })
        .execute()
    await trx
      .insertInto('course_reserve_items')
      .values({
        id: itemId,
        library_id: library.id,
        course_id: courseId,
        title_id: null,
        kind: item.kind,
        name: item.name,
        note: item.note,
        link_url: item.linkUrl,
        file_id: fileId,
        downloadable: false,
        seat_limit: null,
        pages_used: item.pages[0],
        pages_total: item.pages[1],
        permission: item.kind === 'file' ? 'granted' : 'not_needed',
        permission_source: item.kind === 'file' ? '上海交通大学出版社' : null,
        publish_channel: item.channel,
        review_status: 'approved',
        reviewed_by: library.librarianId,
        reviewed_at: now,
        added_by: library.librarianId,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await trx
      .insertInto('course_reserve_permalinks')
      .values({ code: newCode(), library_id: library.id, course_id: courseId, item_id: itemId })
      .execute()
    // A week of a class opening it, more on lecture days.
    await trx
      .insertInto('course_reserve_openings')
      .values(
        Array.from({ length: 7 }, (_, daysAgo) => ({
          item_id: itemId,
          library_id: library.id,
          day: dayBefore(today, daysAgo + 1),
          openings: (daysAgo + index) % 3 === 0 ? 18 + daysAgo : 3 + ((daysAgo * 5) % 7),
        })),
      )
      .execute()
  }
}
