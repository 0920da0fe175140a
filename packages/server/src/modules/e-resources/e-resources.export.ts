import type { Language } from '@shuqiao/contracts'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { tableFile } from '../../platform/spreadsheets/write-table.ts'
import { loadDisciplines } from './disciplines.service.ts'
import { statusOf } from './e-resources.presenter.ts'
import * as repo from './e-resources.repository.ts'
import { KIND_LABELS, STATUS_LABELS } from './resource-labels.ts'

const COLUMNS = [
  { zh: '中文名称', en: 'Name (Chinese)', width: 32 },
  { zh: '英文名称', en: 'Name (English)', width: 32 },
  { zh: '别名', en: 'Aliases', width: 20 },
  { zh: '供应商', en: 'Vendor', width: 20 },
  { zh: '类型', en: 'Kind', width: 12 },
  { zh: '学科', en: 'Subjects', width: 24 },
  { zh: '网址', en: 'URL', width: 40 },
  { zh: '校外访问方式', en: 'Off-campus routes', width: 24 },
  { zh: '状态', en: 'Status', width: 10 },
  { zh: '限时免费开始', en: 'Free from', width: 12 },
  { zh: '限时免费结束', en: 'Free until', width: 12 },
  { zh: '负责馆员', en: 'Owner', width: 12 },
  { zh: '更新时间', en: 'Updated', width: 20 },
]

/** The library's whole directory as staff keep it, for a spreadsheet or the annual report. */
export const exportDirectory = async (
  ctx: AppContext,
  caller: Caller,
  format: 'csv' | 'xlsx',
  language: Language,
) => {
  const libraryId = caller.libraryId
  if (!libraryId) throw new ProblemError('forbidden')
  const library = await ctx.db
    .selectFrom('libraries')
    .select(['code', 'time_zone'])
    .where('id', '=', libraryId)
    .executeTakeFirstOrThrow()
  const today = todayIn(library.time_zone, ctx.now())
  const [rows, disciplines] = await Promise.all([
    repo.directory(ctx.db, libraryId, {}, { readersOnly: false, today }).execute(),
    loadDisciplines(ctx.db, libraryId),
  ])
  const en = language === 'en'
  const label = (labels: Record<string, { zh: string; en: string }>, key: string) =>
    labels[key] ? (en ? labels[key].en : labels[key].zh) : key
  // By the library's list, in its order; a code no longer on it (never expected) as the code.
  const names = new Map(disciplines.items.map((discipline, at) => [discipline.code, { ...discipline, at }]))
  const subjects = (codes: string[]) =>
    [...codes]
      .sort(
        (a, b) =>
          (names.get(a)?.at ?? Number.MAX_SAFE_INTEGER) - (names.get(b)?.at ?? Number.MAX_SAFE_INTEGER),
      )
      .map((code) => {
        const discipline = names.get(code)
        return discipline ? (en ? discipline.en : discipline.zh) : code
      })
      .join('; ')
  const at = new Intl.DateTimeFormat('sv-SE', {
    timeZone: library.time_zone,
    dateStyle: 'short',
    timeStyle: 'short',
  })
  return tableFile({
    name: `${library.code}-resources-${today}`,
    sheet: en ? 'Resources' : '数据库导航',
    format,
    columns: COLUMNS.map((column) => ({ header: en ? column.en : column.zh, width: column.width })),
    rows: rows.map((row) => [
      row.name_zh,
      row.name_en,
      row.aliases.join('; '),
      row.vendor,
      label(KIND_LABELS, row.kind),
      subjects(row.subjects),
      row.url,
      row.route_kinds.join(', '),
      label(STATUS_LABELS, statusOf(row, today)),
      row.free_from,
      row.free_until,
      row.owner_name,
      at.format(row.updated_at),
    ]),
  })
}
