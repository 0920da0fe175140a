import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { defineNoticeTemplate, enqueueNotice } from '../../platform/notifications/notices.ts'
import { staffLibraryOf, viewpointOn } from './course-reserves.access.ts'
import { courseById, teachersOf } from './course-reserves.repository.ts'
import { coursePermalinkCode, permalinkPath } from './permalinks.ts'
import { itemsOfCourse } from './reserve-items.repository.ts'

// Delivery (E6): the subject librarian sends a course's teachers its links, and a teacher copies
// them into the online teaching platform as a list or as an embedded page. Only permalinks leave:
// each still checks, when clicked, that the reader may open it.

defineNoticeTemplate('course_reserves.links_sent', {
  label: { zh: '馆员发送课程教参链接', en: 'A librarian sends a course’s reserve links' },
  zh: {
    subject: '“{{course}}”的电子教参链接',
    body: '{{name}}老师，您好：\n\n{{library}}已为您的课程“{{course}}”（{{code}}）准备好电子教参，共 {{count}} 项：\n\n{{links}}\n\n课程教参总链接：{{permalink}}\n\n可以把这些链接或嵌入代码放到网络教学平台上（在书桥“我的课程”中复制）。只有选修这门课程的同学、任课教师和图书馆员能打开。',
  },
  en: {
    subject: 'Reserve links for “{{courseEn}}”',
    body: 'Dear {{name}},\n\n{{library}} has made {{count}} reserve items ready for your course “{{courseEn}}” ({{code}}):\n\n{{links}}\n\nThe course’s list: {{permalink}}\n\nPut these links, or the embed code (copy it under “My courses” in Shuqiao), on your online teaching platform. Only the course’s enrolled students, its teachers and the library’s staff can open them.',
  },
})

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** The course's links as absolute addresses on `origin`, and snippets to paste. */
const linksOf = async (
  ctx: AppContext,
  course: { id: string; library_id: string; code: string; name_zh: string; name_en: string | null },
  origin: string,
) => {
  const code = await coursePermalinkCode(ctx.db, course)
  const rows = (await itemsOfCourse(ctx.db, course.id, '1970-01-01')).filter(
    (row) => row.review_status === 'approved',
  )
  const items = rows.map((row) => ({ name: row.name, permalink: `${origin}${permalinkPath(row.code)}` }))
  const permalink = `${origin}${permalinkPath(code)}`
  const embedUrl = `${origin}/embed/${code}`
  const list = [
    `<ul class="shuqiao-reserves">`,
    ...items.map(
      (item) =>
        `  <li><a href="${escapeHtml(item.permalink)}" target="_blank" rel="noopener">${escapeHtml(item.name)}</a></li>`,
    ),
    '</ul>',
  ].join('\n')
  const iframe = `<iframe src="${escapeHtml(embedUrl)}" title="${escapeHtml(course.name_zh)}" width="100%" height="480" style="border:0"></iframe>`
  return {
    course: { id: course.id, code: course.code, nameZh: course.name_zh, nameEn: course.name_en },
    permalink,
    embedUrl,
    items,
    snippets: { list, iframe },
  }
}

export const createDeliveryService = (ctx: AppContext) => ({
  /** The course's links and snippets, for its teachers and the library's staff. */
  links: async (caller: Caller, courseId: string, origin: string) => {
    const course = await courseById(ctx.db, courseId)
    if (!course) throw new ProblemError('not_found')
    if ((await viewpointOn(ctx.db, caller, course)) === 'student') throw new ProblemError('course_not_taught')
    return linksOf(ctx, course, origin)
  },

  /** Sends each teacher with an account the links: an inbox notice, and e-mail when mail is configured. */
  send: async (caller: Caller, requestId: string, courseId: string, origin: string) => {
    const libraryId = staffLibraryOf(caller)
    const course = await courseById(ctx.db, courseId)
    if (!course || course.library_id !== libraryId) throw new ProblemError('not_found')
    const links = await linksOf(ctx, course, origin)
    const teachers = (await teachersOf(ctx.db, [course.id])).get(course.id) ?? []
    const linked = teachers.filter((teacher) => teacher.account_id)
    const sentAt = ctx.now().toISOString()
    await ctx.db.transaction().execute(async (trx) => {
      for (const teacher of linked) {
        await enqueueNotice(trx, {
          libraryId,
          event: 'course_reserves.links_sent',
          recipientAccountId: teacher.account_id,
          dedupeKey: `links_sent:${course.id}:${teacher.account_id}:${sentAt}`,
          data: {
            name: teacher.name,
            course: course.name_zh,
            courseEn: course.name_en ?? course.name_zh,
            code: course.code,
            count: links.items.length,
            links: links.items.map((item) => `${item.name}: ${item.permalink}`).join('\n') || '—',
            permalink: links.permalink,
          },
        })
      }
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'course.send_links',
        entityType: 'course',
        entityId: course.id,
        entityLabel: `${course.code} ${course.name_zh}`,
        before: null,
        after: { teachers: linked.map((teacher) => teacher.name), items: links.items.length },
      })
    })
    return {
      sent: linked.map((teacher) => teacher.name),
      withoutAccount: teachers.filter((teacher) => !teacher.account_id).map((teacher) => teacher.name),
    }
  },

  /**
   * The embed page of a course list: its approved items' names and permalinks, nothing about
   * its people, so it can sit in any teaching platform; each link still checks who opens it.
   */
  embedPage: async (code: string) => {
    const target = await ctx.db
      .selectFrom('course_reserve_permalinks as p')
      .innerJoin('courses as c', 'c.id', 'p.course_id')
      .select(['c.id', 'c.library_id', 'c.code', 'c.name_zh', 'c.name_en'])
      .where('p.code', '=', code)
      .where('p.item_id', 'is', null)
      .executeTakeFirst()
    if (!target) return undefined
    const rows = (await itemsOfCourse(ctx.db, target.id, '1970-01-01')).filter(
      (row) => row.review_status === 'approved',
    )
    const items = rows
      .map(
        (row) =>
          `<li><a href="${permalinkPath(row.code)}" target="_blank" rel="noopener">${escapeHtml(row.name)}</a>${row.kind === 'file' ? ' <small>PDF</small>' : ''}</li>`,
      )
      .join('\n')
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(target.name_zh)} · 课程教参</title>
<style>body{font:15px/1.6 system-ui,sans-serif;margin:12px;color:#222}h1{font-size:17px;margin:0 0 8px}ul{padding-left:20px}li{margin:6px 0}a{color:#1677ff}small{color:#888}p{color:#666;font-size:13px}</style>
</head><body>
<h1>${escapeHtml(target.name_zh)}${target.name_en ? ` <small>${escapeHtml(target.name_en)}</small>` : ''}</h1>
${items ? `<ul>\n${items}\n</ul>` : '<p>暂无教参。No reserve items yet.</p>'}
<p>仅限选课同学、任课教师和图书馆员打开，需要登录。Only the course's students, its teachers and library staff can open these; sign in first.</p>
</body></html>`
  },
})
