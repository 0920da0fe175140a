import { headerKey } from '../common/headers.ts'
import type { Bilingual } from '../requests/request-type.ts'

// The words of thesis similarity checks (论文查重, S6), shared by the server, the web app and
// the exports so the three always say the same thing.

export const DEGREES = ['doctor', 'master', 'bachelor'] as const
export type Degree = (typeof DEGREES)[number]

export const DEGREE_LABELS: Record<Degree, Bilingual> = {
  doctor: { zh: '博士', en: 'Doctoral' },
  master: { zh: '硕士', en: 'Master' },
  bachelor: { zh: '学士', en: 'Bachelor' },
}

/**
 * Pass lines (总文字复制比 at most this many percent) most graduate schools used in 2020, offered
 * when a batch is created; each batch keeps its own.
 */
export const DEFAULT_THRESHOLDS: Record<Degree, number> = { doctor: 10, master: 15, bachelor: 30 }

/** Where a batch came from: sent to the library by a school or department, or the library's own. */
export const ORIGINS = ['received', 'library'] as const
export type Origin = (typeof ORIGINS)[number]

export const ORIGIN_LABELS: Record<Origin, Bilingual> = {
  received: { zh: '院系/研究生院送检', en: 'Received from a school' },
  library: { zh: '图书馆组织送检', en: 'Submitted by the library' },
}

export const SERVICES = ['cnki_tmlc', 'wanfang', 'vip', 'paperpass', 'other'] as const
export type Service = (typeof SERVICES)[number]

export const SERVICE_LABELS: Record<Service, Bilingual> = {
  cnki_tmlc: { zh: '中国知网 学位论文检测（TMLC）', en: 'CNKI TMLC (theses)' },
  wanfang: { zh: '万方 文献相似性检测', en: 'Wanfang similarity check' },
  vip: { zh: '维普 论文检测系统', en: 'VIP (CQVIP) paper check' },
  paperpass: { zh: 'PaperPass', en: 'PaperPass' },
  other: { zh: '其他', en: 'Other' },
}

export const THESIS_STATUSES = ['waiting', 'submitted', 'checked', 'returned', 'withdrawn'] as const
export type ThesisStatus = (typeof THESIS_STATUSES)[number]

export const THESIS_STATUS_LABELS: Record<ThesisStatus, Bilingual> = {
  waiting: { zh: '待送检', en: 'Waiting' },
  submitted: { zh: '检测中', en: 'Being checked' },
  checked: { zh: '已出结果', en: 'Result in' },
  returned: { zh: '已退回', en: 'Returned' },
  withdrawn: { zh: '已撤销', en: 'Withdrawn' },
}

export interface ThesisTransition {
  action: string
  from: readonly ThesisStatus[]
  to: ThesisStatus
  label: Bilingual
  /** A similarity percent must be given (a result). */
  needsPercent?: boolean
  /** A reason the graduate will read must be given. */
  needsReason?: boolean
  /** Staff may apply it to many theses at once. */
  bulk?: boolean
}

/** Every step a thesis may take; anything else is a 409 `illegal_transition`. Only staff take them. */
export const THESIS_TRANSITIONS = [
  {
    action: 'submit',
    from: ['waiting'],
    to: 'submitted',
    label: { zh: '标记已送检', en: 'Mark as submitted' },
    bulk: true,
  },
  {
    action: 'record',
    from: ['waiting', 'submitted'],
    to: 'checked',
    label: { zh: '录入结果', en: 'Record result' },
    needsPercent: true,
  },
  {
    action: 'correct',
    from: ['checked'],
    to: 'checked',
    label: { zh: '更正结果', en: 'Correct result' },
    needsPercent: true,
    needsReason: true,
  },
  {
    action: 'recheck',
    from: ['checked'],
    to: 'waiting',
    label: { zh: '安排复检', en: 'Check again' },
    bulk: true,
  },
  {
    action: 'return',
    from: ['waiting', 'submitted'],
    to: 'returned',
    label: { zh: '退回', en: 'Return' },
    needsReason: true,
    bulk: true,
  },
  {
    action: 'requeue',
    from: ['returned'],
    to: 'waiting',
    label: { zh: '恢复待送检', en: 'Back to waiting' },
    bulk: true,
  },
  {
    action: 'withdraw',
    from: ['waiting', 'submitted', 'returned'],
    to: 'withdrawn',
    label: { zh: '撤销检测', en: 'Withdraw' },
    needsReason: true,
    bulk: true,
  },
  {
    action: 'restore',
    from: ['withdrawn'],
    to: 'waiting',
    label: { zh: '恢复检测', en: 'Restore' },
    bulk: true,
  },
] as const satisfies readonly ThesisTransition[]

export const THESIS_ACTIONS = THESIS_TRANSITIONS.map((transition) => transition.action) as [
  (typeof THESIS_TRANSITIONS)[number]['action'],
  ...(typeof THESIS_TRANSITIONS)[number]['action'][],
]
export type ThesisAction = (typeof THESIS_TRANSITIONS)[number]['action']

export const BULK_ACTIONS = THESIS_TRANSITIONS.filter((transition) => 'bulk' in transition).map(
  (transition) => transition.action,
) as ThesisAction[]

export const transitionOf = (action: string): ThesisTransition | undefined =>
  THESIS_TRANSITIONS.find((transition) => transition.action === action)

/** The steps possible from a status, in the order above. */
export const allowedFrom = (status: ThesisStatus): ThesisTransition[] =>
  THESIS_TRANSITIONS.filter((transition) => (transition.from as readonly string[]).includes(status))

/** Whether a result passes: at most the pass line (both in percent, compared in hundredths). */
export const passes = (similarityPercent: number, thresholdPercent: number) =>
  Math.round(similarityPercent * 100) <= Math.round(thresholdPercent * 100)

/**
 * Columns of a thesis list to import, with the headers accepted for each (compared without case,
 * spaces or brackets). The first header is the one the sample file and exports use.
 */
export const THESIS_COLUMNS = {
  readerNumber: {
    required: true,
    headers: ['学号', 'reader number', '学工号', 'student number', 'student id'],
  },
  authorName: { required: true, headers: ['姓名', 'author', '作者', 'name'] },
  title: { required: true, headers: ['论文题目', 'title', '题目', '题名', 'thesis title'] },
  supervisor: { required: false, headers: ['导师', 'supervisor', '指导教师'] },
  department: { required: false, headers: ['院系', 'department', '学院', 'school'] },
  major: { required: false, headers: ['专业', 'major', 'programme', 'program'] },
  degree: { required: false, headers: ['学位', 'degree', '学位类型', '学位级别'] },
} as const satisfies Record<string, { required: boolean; headers: readonly string[] }>

export type ThesisColumn = keyof typeof THESIS_COLUMNS

/** Columns of a results file: whose thesis, and its similarity percent (总文字复制比). */
export const RESULT_COLUMNS = {
  readerNumber: {
    required: true,
    headers: ['学号', 'reader number', '学工号', 'student number', 'student id'],
  },
  similarityPercent: {
    required: true,
    headers: ['复制比', 'similarity', '总文字复制比', '文字复制比', 'similarity percent', '相似度', '重复率'],
  },
  note: { required: false, headers: ['备注', 'note', '说明'] },
} as const satisfies Record<string, { required: boolean; headers: readonly string[] }>

export type ResultColumn = keyof typeof RESULT_COLUMNS

/** How a header is compared: lower case, without spaces, brackets, `%` or `*`. */
export const normaliseHeader = headerKey

/** Degree names as schools write them, to our codes. */
export const DEGREE_WORDS: Record<string, Degree> = {
  博士: 'doctor',
  博士研究生: 'doctor',
  doctor: 'doctor',
  doctoral: 'doctor',
  phd: 'doctor',
  硕士: 'master',
  硕士研究生: 'master',
  master: 'master',
  masters: 'master',
  学士: 'bachelor',
  本科: 'bachelor',
  本科生: 'bachelor',
  bachelor: 'bachelor',
  undergraduate: 'bachelor',
}

export const MAX_IMPORT_ROWS = 3000

/** Why a report file of a bulk upload is attached or left out; see `BulkReportFile`. */
export const BULK_REPORT_OUTCOMES = [
  /** Preview: it will be attached to the thesis named. */
  'matched',
  /** Upload: it is now that thesis's report. */
  'attached',
  /** No thesis of this batch has the reader number the name starts with (or it starts with none). */
  'not_in_batch',
  /** The name's start fits the reader numbers of several theses (e.g. R0002 and R0002_1). */
  'ambiguous',
  /** Another file of the same upload is for the same thesis; neither is attached. */
  'duplicate',
  /** The thesis has no result yet (or was withdrawn); a report comes with a result. */
  'not_checked',
  /** The name does not end in .pdf, or the content is not a PDF. */
  'not_pdf',
  /** Over the server's file size limit. */
  'too_large',
] as const
export type BulkReportOutcome = (typeof BULK_REPORT_OUTCOMES)[number]

/** Names one preview takes: a batch's worth. */
export const MAX_BULK_REPORT_NAMES = MAX_IMPORT_ROWS
/** Files one upload request takes; the web app sends larger sets in several requests. */
export const MAX_BULK_REPORT_FILES = 200
