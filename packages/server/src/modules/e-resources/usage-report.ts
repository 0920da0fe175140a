import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { defuseFormula } from '../../platform/spreadsheets/write-csv.ts'
import { guideVisitsBetween } from './guide-visits.ts'

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The months from `from` to `to` (YYYY-MM), as COUNTER heads them (Jan-2026). */
const monthsBetween = (from: string, to: string) => {
  const months: { key: string; label: string }[] = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5))
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5))
  while (year * 12 + month <= end) {
    months.push({
      key: `${year}-${String(month).padStart(2, '0')}`,
      label: `${MONTH_NAMES[month - 1]}-${year}`,
    })
    month++
    if (month > 12) {
      month = 1
      year++
    }
  }
  return months
}

const lastDayOf = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10)
}

/**
 * R6's monthly roll-up, in the layout of COUNTER Release 5's Database Report so it sits beside
 * vendors' DRs in the same spreadsheet. What it counts is named for what it is: clicks through
 * Shuqiao's links (`Link_Clicks`, and per route), never Searches or Investigations, which only
 * the vendor's platform can see; the Exceptions row says so.
 */
export const usageReport = async (
  ctx: AppContext,
  caller: Caller,
  span: { from: string; to: string; format: 'tsv' | 'xlsx' },
) => {
  const libraryId = caller.libraryId
  if (!libraryId) throw new ProblemError('forbidden')
  const library = await ctx.db
    .selectFrom('libraries')
    .select(['code', 'name_zh', 'name_en'])
    .where('id', '=', libraryId)
    .executeTakeFirstOrThrow()
  const months = monthsBetween(span.from, span.to)
  const rows = await ctx.db
    .selectFrom('e_resource_clicks as c')
    .innerJoin('e_resources as r', 'r.id', 'c.resource_id')
    .select([
      'r.id',
      'r.name_zh',
      'r.name_en',
      'r.vendor',
      'r.platform',
      'c.route',
      sql<string>`to_char(c.day, 'YYYY-MM')`.as('month'),
      (eb) => eb.fn.sum<number>('c.clicks').as('clicks'),
    ])
    .where('c.library_id', '=', libraryId)
    .where('c.day', '>=', `${span.from}-01`)
    .where('c.day', '<=', lastDayOf(span.to))
    .groupBy([
      'r.id',
      'r.name_zh',
      'r.name_en',
      'r.vendor',
      'r.platform',
      'c.route',
      sql`to_char(c.day, 'YYYY-MM')`,
    ])
    .orderBy('r.name_zh')
    .execute()

  // One line for all clicks of a resource, then one per route it was reached by.
  const lines = new Map<string, { head: string[]; metric: string; byMonth: Map<string, number> }>()
  const add = (key: string, head: string[], metric: string, month: string, clicks: number) => {
    const line = lines.get(key) ?? { head, metric, byMonth: new Map<string, number>() }
    line.byMonth.set(month, (line.byMonth.get(month) ?? 0) + clicks)
    lines.set(key, line)
  }
  for (const row of rows) {
    const head = [
      row.name_en ? `${row.name_zh} (${row.name_en})` : row.name_zh,
      row.vendor ?? '',
      '',
      row.platform ?? '',
      `shuqiao:${row.id}`,
      'Database',
      'Regular',
    ]
    add(`${row.id}`, head, 'Link_Clicks', row.month, Number(row.clicks))
    add(
      `${row.id}:${row.route}`,
      head,
      `Link_Clicks_${row.route === 'direct' ? 'Campus' : row.route.toUpperCase()}`,
      row.month,
      Number(row.clicks),
    )
  }
  const table = [...lines.values()].map((line) => {
    const counts = months.map((month) => line.byMonth.get(month.key) ?? 0)
    return [...line.head, line.metric, counts.reduce((sum, count) => sum + count, 0), ...counts]
  })
  const header: (string | number)[][] = [
    ['Report_Name', 'Database Report (link clicks through Shuqiao)'],
    ['Report_ID', 'DR'],
    ['Release', '5.1'],
    ['Institution_Name', `${library.name_zh} ${library.name_en}`],
    ['Institution_ID', `shuqiao:${library.code}`],
    ['Metric_Types', 'Link_Clicks; Link_Clicks_<route>'],
    ['Report_Filters', ''],
    ['Report_Attributes', 'Attributes_To_Show=Access_Method'],
    [
      'Exceptions',
      'Counts clicks through the library’s /go links only; Searches, Investigations and Requests are counted by the vendors’ platforms, not here.',
    ],
    ['Reporting_Period', `Begin_Date=${span.from}-01; End_Date=${lastDayOf(span.to)}`],
    [
      'Created',
      ctx
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    ],
    ['Created_By', '书桥 Shuqiao'],
    [],
    [
      'Database',
      'Publisher',
      'Publisher_ID',
      'Platform',
      'Proprietary_ID',
      'Data_Type',
      'Access_Method',
      'Metric_Type',
      'Reporting_Period_Total',
      ...months.map((month) => month.label),
    ],
  ]
  const name = `${library.code}-DR-clicks-${span.from}-${span.to}`
  if (span.format === 'tsv') {
    const text = stringify([...header, ...table], {
      bom: true,
      delimiter: '\t',
      record_delimiter: 'windows',
      cast: { string: defuseFormula },
    })
    return {
      fileName: `${name}.tsv`,
      mediaType: 'text/tab-separated-values; charset=utf-8',
      body: Buffer.from(text, 'utf8'),
    }
  }
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '书桥 Shuqiao'
  const sheet = workbook.addWorksheet('DR')
  for (const row of [...header, ...table]) sheet.addRow(row)
  sheet.getRow(header.length).font = { bold: true }
  sheet.getColumn(1).width = 40
  await addGuideVisits(workbook, ctx, libraryId, span, months)
  return {
    fileName: `${name}.xlsx`,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  }
}

/** The Excel report's second sheet: visits of each guide's public page per month (R6). */
const addGuideVisits = async (
  workbook: ExcelJS.Workbook,
  ctx: AppContext,
  libraryId: string,
  span: { from: string; to: string },
  months: { key: string; label: string }[],
) => {
  const rows = await guideVisitsBetween(ctx.db, libraryId, `${span.from}-01`, lastDayOf(span.to), {
    byMonth: true,
  })
  const guides = new Map<string, { head: string[]; byMonth: Map<string, number> }>()
  for (const row of rows) {
    const guide = guides.get(row.id) ?? {
      head: [row.title_en ? `${row.title_zh} (${row.title_en})` : row.title_zh, `/g/${row.code}`],
      byMonth: new Map<string, number>(),
    }
    guide.byMonth.set(row.month, Number(row.visits))
    guides.set(row.id, guide)
  }
  const sheet = workbook.addWorksheet('Guide visits 导航访问')
  sheet.addRow([
    'Guide 学科导航',
    'Address 地址',
    'Reporting_Period_Total',
    ...months.map((month) => month.label),
  ])
  sheet.getRow(1).font = { bold: true }
  for (const guide of guides.values()) {
    const counts = months.map((month) => guide.byMonth.get(month.key) ?? 0)
    sheet.addRow([...guide.head, counts.reduce((sum, count) => sum + count, 0), ...counts])
  }
  sheet.getColumn(1).width = 40
}
