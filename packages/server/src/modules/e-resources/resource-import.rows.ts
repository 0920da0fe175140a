import { eResources, headerKey } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { Table } from '../../platform/spreadsheets/read-table.ts'
import { KIND_LABELS, ROUTE_WORDS } from './resource-labels.ts'
import { addressKey } from './resource-matching.ts'
import type { DisciplineName } from './resource-names.ts'

type Field =
  | 'nameZh'
  | 'nameEn'
  | 'aliases'
  | 'vendor'
  | 'platform'
  | 'kind'
  | 'subjects'
  | 'url'
  | 'routes'
  | 'freeFrom'
  | 'freeUntil'
  | 'descriptionZh'
  | 'descriptionEn'

// Headers as our own export writes them (both languages) and as libraries' own lists say them.
const HEADERS: Record<Field, string[]> = {
  nameZh: ['中文名称', '名称', '资源名称', '数据库名称', '数据库', 'Name (Chinese)', 'name', 'nameZh'],
  nameEn: ['英文名称', '英文名', 'Name (English)', 'English name', 'nameEn'],
  aliases: ['别名', '又名', '简称', 'Aliases', 'alias'],
  vendor: ['供应商', '提供商', '数据商', '出版商', 'Vendor', 'provider', 'publisher'],
  platform: ['平台', '平台代码', 'Platform'],
  kind: ['类型', '资源类型', 'Kind', 'type'],
  subjects: ['学科', '学科门类', '学科分类', 'Subjects', 'subject'],
  url: ['网址', '链接', '访问地址', '访问网址', 'URL', 'link'],
  routes: ['校外访问方式', '访问方式', 'Off-campus routes', 'routes'],
  freeFrom: ['限时免费开始', '免费开始', '试用开始', '开始日期', 'Free from', 'trial start'],
  freeUntil: ['限时免费结束', '免费结束', '试用结束', '到期日期', '结束日期', 'Free until', 'trial end'],
  descriptionZh: ['简介', '中文简介', '说明', '资源简介', 'Description', 'descriptionZh'],
  descriptionEn: ['英文简介', 'Description (English)', 'descriptionEn'],
}

const FIELD_BY_HEADER = new Map(
  Object.entries(HEADERS).flatMap(([field, names]) => names.map((name) => [headerKey(name), field as Field])),
)

export const mapResourceColumns = (headers: string[]) => {
  const taken = new Set<Field>()
  const columns = headers.map((header) => {
    const field = FIELD_BY_HEADER.get(headerKey(header))
    if (!field || taken.has(field)) return { header, field: null }
    taken.add(field)
    return { header, field }
  })
  const missing = (['nameZh', 'url'] as const).filter((field) => !taken.has(field))
  return { columns, missing, hasRoutes: taken.has('routes') }
}

const KIND_WORDS = new Map(
  Object.entries(KIND_LABELS).flatMap(([code, label]) => [
    [headerKey(code), code],
    [headerKey(label.zh), code],
    [headerKey(label.en), code],
  ]),
)

/**
 * What a cell may say for a discipline of the library's list: its code (any case; `8` for `08`,
 * as spreadsheets drop leading zeros) or its Chinese or English name. A code wins over a name.
 */
export const subjectWordsOf = (disciplines: readonly DisciplineName[]) => {
  const words = new Map<string, string>()
  const add = (word: string, code: string) => {
    if (!words.has(word)) words.set(word, code)
  }
  for (const discipline of disciplines) add(headerKey(discipline.code), discipline.code)
  for (const discipline of disciplines) {
    if (/^0\d+$/.test(discipline.code)) add(discipline.code.replace(/^0+/, ''), discipline.code)
  }
  for (const discipline of disciplines) {
    add(headerKey(discipline.zh), discipline.code)
    add(headerKey(discipline.en), discipline.code)
  }
  return words
}

const LIST = /[;；,，、|/\n]+/

/** 2026-03-01, 2026/3/1 or 2026.3.1 as an ISO date; anything else as it is (the schema refuses it). */
const isoDate = (text: string) => {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim())
  return match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` : text.trim()
}

export interface ImportProblem {
  line: number
  column: string | null
  code: string
  severity: 'error' | 'warning'
  message: { zh: string; en: string }
}

export interface StagedResource {
  line: number
  input: z.output<typeof eResources.ResourceInput>
  /** Whether the file says which routes the resource has (else an update keeps its own). */
  routesGiven: boolean
}

const WHAT: Record<string, { zh: string; en: string }> = {
  invalid_url: {
    zh: '网址须是 http 或 https 开头的完整地址',
    en: 'The URL must be a full http or https address',
  },
  ends_before_start: { zh: '限时免费的结束日期早于开始日期', en: 'The free period ends before it starts' },
  too_big: { zh: '内容太长', en: 'Too long' },
  too_small: { zh: '不能为空', en: 'Must not be empty' },
  unsafe_characters: {
    zh: '含有不允许的字符（如 < > 或控制字符）',
    en: 'Contains characters not allowed (such as < > or control characters)',
  },
}

/**
 * Turns a spreadsheet's rows into resources to store and problems by line and column. A row
 * with any error is not stored; a value we do not know (a kind, a subject, a route) is an error
 * too, so nothing is silently dropped.
 */
export const stageResourceRows = (
  table: Table,
  mapped: ReturnType<typeof mapResourceColumns>,
  disciplines: readonly DisciplineName[],
) => {
  const subjectWords = subjectWordsOf(disciplines)
  const at = new Map(
    mapped.columns.flatMap((column, index) => (column.field ? [[column.field, index] as const] : [])),
  )
  const headerOf = (field: Field) => mapped.columns[at.get(field) ?? -1]?.header ?? null
  const staged: StagedResource[] = []
  const problems: ImportProblem[] = []
  const seen = new Map<string, number>()
  for (const row of table.rows) {
    const cell = (field: Field) => {
      const index = at.get(field)
      const value = index === undefined ? '' : (row.cells[index] ?? '').trim()
      return value === '' ? null : value
    }
    const rowProblems: ImportProblem[] = []
    const fail = (field: Field, code: string, zh: string, en: string) =>
      rowProblems.push({
        line: row.line,
        column: headerOf(field),
        code,
        severity: 'error',
        message: { zh, en },
      })
    const list = (field: Field) =>
      (cell(field) ?? '')
        .split(LIST)
        .map((item) => item.trim())
        .filter(Boolean)

    const kindText = cell('kind')
    const kind = kindText ? KIND_WORDS.get(headerKey(kindText)) : 'database'
    if (!kind) fail('kind', 'unknown_kind', `不认识的类型“${kindText}”`, `Unknown kind “${kindText}”`)
    const subjects = list('subjects').flatMap((word) => {
      const code = subjectWords.get(headerKey(word))
      if (!code)
        fail(
          'subjects',
          'unknown_discipline',
          `本馆学科列表里没有“${word}”`,
          `“${word}” is not on the library’s discipline list`,
        )
      return code ? [code] : []
    })
    const routes = [
      ...new Set(
        list('routes').flatMap((word) => {
          const kindOfRoute = ROUTE_WORDS[headerKey(word)]
          if (!kindOfRoute)
            fail('routes', 'unknown_route', `不认识的访问方式“${word}”`, `Unknown route “${word}”`)
          return kindOfRoute ? [kindOfRoute] : []
        }),
      ),
    ]
    const parsed = eResources.ResourceInput.safeParse({
      nameZh: cell('nameZh') ?? '',
      nameEn: cell('nameEn'),
      aliases: list('aliases'),
      vendor: cell('vendor'),
      platform: cell('platform')?.toLowerCase() ?? null,
      kind: kind ?? 'other',
      subjects: [...new Set(subjects)],
      url: cell('url') ?? '',
      freeFrom: cell('freeFrom') ? isoDate(cell('freeFrom')!) : null,
      freeUntil: cell('freeUntil') ? isoDate(cell('freeUntil')!) : null,
      descriptionZh: cell('descriptionZh'),
      descriptionEn: cell('descriptionEn'),
      routes: routes.map((route) => ({ kind: route })),
    })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field
        // Our refinements name their problem in the message; zod's own checks by their code.
        const code = issue.code === 'custom' ? issue.message : issue.code
        const what = WHAT[code] ?? { zh: '格式不对', en: 'Not in the right form' }
        fail(field, code, what.zh, what.en)
      }
    }
    const url = cell('url')
    if (parsed.success && url) {
      const earlier = seen.get(addressKey(url))
      if (earlier) {
        fail('url', 'duplicate_url', `与第 ${earlier} 行的网址相同`, `Same URL as line ${earlier}`)
      } else seen.set(addressKey(url), row.line)
    }
    problems.push(...rowProblems)
    if (parsed.success && rowProblems.length === 0)
      staged.push({ line: row.line, input: parsed.data, routesGiven: mapped.hasRoutes })
  }
  return { staged, problems }
}
