import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { searchTextOf } from '../../platform/search/search-text.ts'

/**
 * The topic queues a library's desk starts with, like the separate WeChat groups they replace:
 * general reference (guests welcome), purchase suggestions (handed out automatically) and
 * document services.
 */
export const DEMO_QUEUES = [
  { code: 'reference', nameZh: '参考咨询', nameEn: 'Reference', allowGuests: true, assignment: 'claim' },
  {
    code: 'purchase',
    nameZh: '图书荐购',
    nameEn: 'Purchase suggestions',
    allowGuests: false,
    assignment: 'auto',
  },
  {
    code: 'documents',
    nameZh: '文献服务',
    nameEn: 'Document services',
    allowGuests: false,
    assignment: 'claim',
  },
] as const

type QueueCode = (typeof DEMO_QUEUES)[number]['code']

interface DemoArticle {
  queue: QueueCode
  questionZh: string
  answerZh: string
  questionEn?: string
  answerEn?: string
  visibility?: 'public' | 'staff'
  status?: 'draft' | 'published'
}

/** FAQ articles like the ones each library's 常见问题 page answers, in the desk's topics. */
const demoArticles = (libraryZh: string): DemoArticle[] => [
  {
    queue: 'reference',
    questionZh: '在校外如何访问图书馆购买的数据库？',
    answerZh: `校外访问可通过三种方式：1. 登录学校 VPN 后按校内方式访问；2. 在数据库页面选择"机构登录"（CARSI），搜索并选择本校，用统一身份认证登录；3. 部分资源支持个人账号漫游，在校内注册后可在校外使用。详见${libraryZh}"电子资源"页面每个数据库的访问说明。`,
    questionEn: 'How do I access the library’s databases off campus?',
    answerEn:
      'Off campus you can: 1. connect to the university VPN and use the databases as on campus; 2. choose "institutional login" (CARSI) on the database’s page, pick our university and sign in with your university account; 3. for some resources, register a personal account on campus and use it from anywhere. Each database’s page in the e-resources directory says which ways it supports.',
  },
  {
    queue: 'reference',
    questionZh: '中文图书可以借多久？可以续借几次？',
    answerZh:
      '本科生可借中文图书 20 册，借期 30 天；研究生 30 册，借期 60 天；教职工 50 册，借期 90 天。未被预约的图书可在"我的借阅"中续借 1 次，续借期与借期相同。逾期每册每天收取 0.1 元滞纳金。',
    questionEn: 'How long can I borrow Chinese books, and how often can I renew them?',
    answerEn:
      'Undergraduates may borrow 20 books for 30 days, graduate students 30 for 60 days, staff 50 for 90 days. A book nobody has reserved can be renewed once in My Loans, for the same period. Overdue books cost 0.1 yuan per book per day.',
  },
  {
    queue: 'reference',
    questionZh: '图书丢失或损坏了怎么办？',
    answerZh:
      '请尽快到总服务台办理。可购买相同版本的新书赔偿，或按图书原价的 2 倍赔偿（含加工费）。赔偿前产生的逾期费用仍需缴纳。',
    questionEn: 'What if I lose or damage a book?',
    answerEn:
      'Please come to the main service desk soon. You may replace it with a new copy of the same edition, or pay twice its price (processing included). Overdue fines until then are still due.',
  },
  {
    queue: 'documents',
    questionZh: '如何办理查收查引（论文收录引用检索证明）？',
    answerZh:
      '在"服务申请"中提交查收查引委托，填写作者、论文列表和需要检索的数据库（SCIE、SSCI、EI、CSSCI 等）。一般 3 个工作日内完成，完成后可在线查看并下载盖章的检索证明。',
    questionEn: 'How do I get a citation and indexing certificate (查收查引)?',
    answerEn:
      'Submit a citation verification request under Service requests with the author, the list of papers and the databases to check (SCIE, SSCI, EI, CSSCI …). It is usually done within 3 working days; you can then download the stamped certificate online.',
  },
  {
    queue: 'documents',
    questionZh: '学位论文提交的流程是什么？多久审核完？',
    answerZh:
      '答辩通过后，在"学位论文提交"中上传论文全文 PDF 并填写授权书。图书馆在 1–10 个工作日内审核，审核通过后方可办理离校手续。请在学校规定的截止日期前提交。',
    questionEn: 'How do I submit my thesis, and how long does the review take?',
    answerEn:
      'After your defence, upload the full-text PDF and the licence form under Thesis submission. The library reviews it within 1–10 working days; approval is needed for your leaving procedures. Submit before the university’s deadline.',
  },
  {
    queue: 'documents',
    questionZh: '本馆没有的文献怎么获取？',
    answerZh:
      '可申请文献传递或馆际互借，通过 CALIS、NSTL、CASHL 等合作渠道获取。期刊论文一般 1–3 个工作日送达邮箱，部分费用由图书馆补贴。',
    questionEn: 'How can I get a paper or book the library does not have?',
    answerEn:
      'Ask for document delivery or an interlibrary loan; we obtain it through CALIS, NSTL, CASHL and other partners. Journal articles usually reach your e-mail in 1–3 working days, partly paid for by the library.',
  },
  {
    queue: 'purchase',
    questionZh: '如何推荐图书馆购买图书？',
    answerZh:
      '在"图书荐购"中填写书名、作者和 ISBN 即可。采访馆员会在 7 个工作日内回复处理结果，到书后优先通知荐购人借阅。',
    questionEn: 'How do I suggest a book for the library to buy?',
    answerEn:
      'Fill in the title, author and ISBN under Purchase suggestions. An acquisitions librarian answers within 7 working days, and you are told first when the book arrives.',
  },
  {
    queue: 'reference',
    questionZh: '读者反映 CARSI 登录后提示"无权限"怎么处理？',
    answerZh:
      '先确认该数据库是否已开通 CARSI（电子资源后台"访问方式"）；若已开通，请读者清除浏览器缓存后重试，并记录数据库名称和截图，转电子资源组核查。',
    visibility: 'staff',
  },
  {
    queue: 'reference',
    questionZh: '研究室（研讨间）如何预约？',
    answerZh: '研讨间预约规则修订中，待发布。',
    status: 'draft',
  },
]

export const seedDemoReferenceDesk = async (trx: Kysely<DB>, libraryId: string) => {
  const queues = DEMO_QUEUES.map((queue) => ({ ...queue, id: uuidv7() }))
  await trx
    .insertInto('reference_queues')
    .values(
      queues.map((queue, position) => ({
        id: queue.id,
        library_id: libraryId,
        code: queue.code,
        name_zh: queue.nameZh,
        name_en: queue.nameEn,
        allow_guests: queue.allowGuests,
        assignment: queue.assignment,
        position,
      })),
    )
    .execute()
  const library = await trx
    .selectFrom('libraries')
    .select('name_zh')
    .where('id', '=', libraryId)
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('reference_faq')
    .values(
      demoArticles(library.name_zh).map((article, position) => ({
        id: uuidv7(),
        library_id: libraryId,
        queue_id: queues.find((queue) => queue.code === article.queue)!.id,
        question_zh: article.questionZh,
        answer_zh: article.answerZh,
        question_en: article.questionEn ?? null,
        answer_en: article.answerEn ?? null,
        visibility: article.visibility ?? 'public',
        status: article.status ?? 'published',
        position,
        search_text: searchTextOf(article.questionZh, article.questionEn, article.answerZh, article.answerEn),
      })),
    )
    .execute()
}

/**
 * The demo desk's duty roster, from the Monday of this week: librarians on shift in the day on
 * weekdays (and a Saturday morning), with the hours nobody covers (lunch, evenings, Sundays,
 * nights) left as gaps for the week view to show. The admin is the duty lead of the day shifts.
 */
const DEMO_SHIFTS: {
  queue: QueueCode
  who: 'librarian' | 'subject'
  start: string
  end: string
  days: string
  lead?: boolean
}[] = [
  { queue: 'reference', who: 'librarian', start: '08:00', end: '12:00', days: 'MO,TU,WE,TH,FR', lead: true },
  { queue: 'reference', who: 'librarian', start: '13:00', end: '17:00', days: 'MO,TU,WE,TH,FR', lead: true },
  { queue: 'reference', who: 'subject', start: '18:00', end: '21:00', days: 'MO,WE' },
  { queue: 'reference', who: 'librarian', start: '09:00', end: '12:00', days: 'SA' },
  { queue: 'documents', who: 'subject', start: '09:00', end: '11:30', days: 'TU,TH' },
  { queue: 'purchase', who: 'subject', start: '14:00', end: '16:00', days: 'MO,TU,WE,TH,FR' },
]

/** The Monday of the week `day` ('YYYY-MM-DD') is in. */
const mondayOf = (day: string) => {
  const at = new Date(`${day}T00:00:00Z`)
  at.setUTCDate(at.getUTCDate() - ((at.getUTCDay() + 6) % 7))
  return at.toISOString().slice(0, 10)
}

export const seedDemoRoster = async (
  trx: Kysely<DB>,
  libraryId: string,
  staff: { librarian: string; subject: string; admin: string },
) => {
  const queues = await trx
    .selectFrom('reference_queues')
    .select(['id', 'code'])
    .where('library_id', '=', libraryId)
    .execute()
  const { time_zone } = await trx
    .selectFrom('libraries')
    .select('time_zone')
    .where('id', '=', libraryId)
    .executeTakeFirstOrThrow()
  const startsOn = mondayOf(todayIn(time_zone, new Date()))
  await trx
    .insertInto('reference_shifts')
    .values(
      DEMO_SHIFTS.map((shift) => ({
        id: uuidv7(),
        library_id: libraryId,
        queue_id: queues.find((queue) => queue.code === shift.queue)!.id,
        account_id: staff[shift.who],
        lead_id: shift.lead ? staff.admin : null,
        starts_on: startsOn,
        start_time: shift.start,
        end_time: shift.end,
        rrule: `FREQ=WEEKLY;BYDAY=${shift.days}`,
        skipped_days: [],
        note: null,
        created_by: staff.admin,
      })),
    )
    .execute()
}
