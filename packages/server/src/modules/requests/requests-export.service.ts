import { once } from 'node:events'
import { PassThrough, Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  type Bilingual,
  type Language,
  REQUEST_TYPES,
  type RequestType,
  type requests,
  requestTypeOf,
} from '@shuqiao/contracts'
import { stringify } from 'csv-stringify'
import ExcelJS from 'exceljs'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { type Caller, isConsortiumAdmin, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { CSV_MEDIA_TYPE, CSV_OPTIONS } from '../../platform/spreadsheets/write-csv.ts'
import { createRequestQueueService, filteredQueue } from './requests-queue.service.ts'

type Format = z.output<typeof requests.ExportFormat>
type Cell = string | number | Date | null

/** A column of an exported sheet; `kind` decides how xlsx stores it (CSV always writes text). */
interface Column {
  key: string
  label: Bilingual
  width: number
  kind?: 'datetime' | 'date' | 'money' | 'number' | 'share'
}

/** Rows are read from the database this many at a time, so memory stays flat for any size. */
export const EXPORT_BATCH = 1000

const MEDIA_TYPES: Record<Format, string> = {
  csv: CSV_MEDIA_TYPE,
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

const QUEUE_COLUMNS: Column[] = [
  { key: 'number', label: { zh: '编号', en: 'Number' }, width: 18 },
  { key: 'type', label: { zh: '类型', en: 'Type' }, width: 14 },
  { key: 'status', label: { zh: '状态', en: 'Status' }, width: 16 },
  { key: 'subject', label: { zh: '申请内容', en: 'Subject' }, width: 44 },
  { key: 'reader', label: { zh: '读者', en: 'Reader' }, width: 12 },
  { key: 'readerNumber', label: { zh: '学工号', en: 'Reader number' }, width: 14 },
  { key: 'department', label: { zh: '院系', en: 'Department' }, width: 20 },
  { key: 'assignee', label: { zh: '处理人', en: 'Assignee' }, width: 12 },
  { key: 'submittedAt', label: { zh: '提交时间', en: 'Submitted' }, width: 18, kind: 'datetime' },
  { key: 'dueDate', label: { zh: '预计办结日期', en: 'Due by' }, width: 14, kind: 'date' },
  { key: 'closedAt', label: { zh: '办结时间', en: 'Closed' }, width: 18, kind: 'datetime' },
  { key: 'overdue', label: { zh: '逾期', en: 'Overdue' }, width: 8 },
  { key: 'fee', label: { zh: '费用（元）', en: 'Fee (yuan)' }, width: 11, kind: 'money' },
]
const LIBRARY_COLUMN: Column = { key: 'library', label: { zh: '图书馆', en: 'Library' }, width: 24 }

const FIGURE_COLUMNS: Column[] = [
  { key: 'type', label: { zh: '类型', en: 'Type' }, width: 16 },
  { key: 'received', label: { zh: '收到', en: 'Received' }, width: 10, kind: 'number' },
  { key: 'completed', label: { zh: '办结', en: 'Completed' }, width: 10, kind: 'number' },
  { key: 'open', label: { zh: '未办结', en: 'Open' }, width: 10, kind: 'number' },
  { key: 'overdue', label: { zh: '逾期', en: 'Overdue' }, width: 10, kind: 'number' },
  {
    key: 'median',
    label: { zh: '办理天数中位数', en: 'Median days to close' },
    width: 16,
    kind: 'number',
  },
  { key: 'withinTarget', label: { zh: '按期办结率', en: 'Closed on time' }, width: 14, kind: 'share' },
]

const pick = (text: Bilingual, language: Language) => (language === 'en' ? text.en : text.zh)

const formatters = new Map<string, Intl.DateTimeFormat>()
/** The wall-clock parts of an instant in a time zone. */
const wallClock = (at: Date, timeZone: string) => {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]))
  return {
    text: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`,
    // Excel dates have no zone: the library's wall clock, written as if it were UTC.
    excel: new Date(
      Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
      ),
    ),
  }
}

/** What a request is about, in a line: the first text field of its form (a title, a citation). */
const subjectOf = (type: RequestType | undefined, form: Record<string, unknown>) => {
  const field = type?.fields.find((candidate) => candidate.kind === 'text' || candidate.kind === 'textarea')
  const value = field ? form[field.name] : undefined
  if (typeof value !== 'string') return ''
  const line = value.replace(/\s+/g, ' ').trim()
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

/** Waits until a stream has room again, or has been closed by the client going away. */
const roomIn = async (stream: Writable) => {
  if (!stream.writableNeedDrain || stream.destroyed) return
  await Promise.race([once(stream, 'drain'), once(stream, 'close')])
}

/**
 * Writes rows as a CSV file (UTF-8 with a byte order mark so Excel on Chinese Windows reads
 * 中文, CRLF line ends) or an xlsx sheet, streamed: rows go out as they come, a batch at a time.
 */
const spreadsheet = (
  format: Format,
  sheetName: string,
  columns: Column[],
  language: Language,
  rows: AsyncIterable<Cell[]>,
  onError: (error: unknown) => void,
): Readable => {
  if (format === 'csv') {
    const csv = stringify(CSV_OPTIONS)
    const lines = async function* () {
      yield columns.map((column) => pick(column.label, language))
      for await (const row of rows) {
        yield row.map((cell, index) => {
          if (cell instanceof Date)
            return columns[index]?.kind === 'date' ? cell.toISOString().slice(0, 10) : cell
          return cell ?? ''
        })
      }
    }
    pipeline(Readable.from(lines()), csv).catch(onError)
    return csv
  }
  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((column) => ({
    key: column.key,
    header: pick(column.label, language),
    width: column.width,
    style:
      column.kind === 'datetime'
        ? { numFmt: 'yyyy-mm-dd hh:mm' }
        : column.kind === 'date'
          ? { numFmt: 'yyyy-mm-dd' }
          : column.kind === 'money'
            ? { numFmt: '0.00' }
            : column.kind === 'share'
              ? { numFmt: '0.0%' }
              : {},
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  const write = async () => {
    for await (const row of rows) {
      if (out.destroyed) return
      sheet.addRow(row).commit()
      await roomIn(out)
    }
    sheet.commit()
    await workbook.commit()
  }
  write().catch((error: unknown) => {
    onError(error)
    out.destroy(error as Error)
  })
  return out
}

/** Staff exports of the request queue and the figures, as CSV or Excel, in the caller's language. */
export const createRequestExportService = (ctx: AppContext) => {
  const { db } = ctx
  const queueService = createRequestQueueService(ctx)

  const timeZoneOf = async (caller: Caller) => {
    const library = caller.libraryId
      ? await db
          .selectFrom('libraries')
          .select('time_zone')
          .where('id', '=', caller.libraryId)
          .executeTakeFirst()
      : undefined
    return library?.time_zone ?? 'Asia/Shanghai'
  }

  const fileName = async (caller: Caller, stem: Bilingual, language: Language, format: Format) =>
    `${pick(stem, language)}-${todayIn(await timeZoneOf(caller), ctx.now())}.${format}`

  return {
    /**
     * The queue as filtered, every matching request (not one page), read in batches by id.
     * Consortium admins get a library column. Recorded in the audit log with its filters and size.
     */
    async queue(
      caller: Caller,
      httpRequestId: string,
      query: z.output<typeof requests.QueueExportQuery>,
      language: Language,
      log: (error: unknown) => void,
    ) {
      const { format, ...filters } = query
      // Checks the filters' library against the caller's scope before anything is written.
      const base = filteredQueue(db, caller, filters)
        .leftJoin('departments as d', 'd.id', 'r.department_id')
        .select(['d.name_zh as department_zh', 'd.name_en as department_en', 'l.name_zh', 'l.name_en'])
      const counted = await db
        .selectFrom(filteredQueue(db, caller, filters).as('f'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      await recordAudit(db, {
        caller,
        requestId: httpRequestId,
        libraryId: filters.libraryId ?? caller.libraryId,
        action: 'request.export',
        entityType: 'request_export',
        entityId: uuidv7(),
        entityLabel: `${format.toUpperCase()} · ${Number(counted.n)}`,
        before: null,
        after: { format, filters, rows: Number(counted.n) },
      })

      const withLibrary = isConsortiumAdmin(caller)
      const columns = withLibrary ? [LIBRARY_COLUMN, ...QUEUE_COLUMNS] : QUEUE_COLUMNS
      const english = language === 'en'
      const today = new Map<string, string>()
      const todayOf = (timeZone: string) => {
        let day = today.get(timeZone)
        if (!day) {
          day = todayIn(timeZone, ctx.now())
          today.set(timeZone, day)
        }
        return day
      }
      const csv = format === 'csv'

      const rows = async function* (): AsyncGenerator<Cell[]> {
        let cursor: string | undefined
        for (;;) {
          const batch = await (cursor ? base.where('r.id', '<', cursor) : base)
            .orderBy('r.id', 'desc')
            .limit(EXPORT_BATCH)
            .execute()
          for (const row of batch) {
            const type = requestTypeOf(row.type)
            const status = type?.statuses[row.status]?.label
            const submitted = wallClock(row.submitted_at, row.time_zone)
            const closed = row.closed_at ? wallClock(row.closed_at, row.time_zone) : null
            const overdue = row.closed_at === null && row.due_date < todayOf(row.time_zone)
            const cells: Cell[] = [
              row.number,
              type ? pick(type.name, language) : row.type,
              status ? pick(status, language) : row.status,
              subjectOf(type, row.form),
              row.reader_name,
              row.reader_number,
              (english ? row.department_en : row.department_zh) ?? '',
              row.assignee_name ?? '',
              csv ? submitted.text : submitted.excel,
              csv ? row.due_date : new Date(`${row.due_date}T00:00:00Z`),
              closed ? (csv ? closed.text : closed.excel) : null,
              overdue ? (english ? 'yes' : '是') : english ? 'no' : '否',
              csv ? (row.fee_fen / 100).toFixed(2) : row.fee_fen / 100,
            ]
            yield withLibrary ? [english ? row.name_en : row.name_zh, ...cells] : cells
          }
          if (batch.length < EXPORT_BATCH) return
          cursor = batch.at(-1)!.id
        }
      }

      const stem = { zh: '服务申请', en: 'service-requests' }
      return {
        fileName: await fileName(caller, stem, language, format),
        mediaType: MEDIA_TYPES[format],
        body: spreadsheet(format, english ? 'Requests' : '服务申请', columns, language, rows(), log),
      }
    },

    /** The figures page's table for a period, one row per request type. */
    async figures(
      caller: Caller,
      query: z.output<typeof requests.FiguresQuery> & { format: Format },
      language: Language,
      log: (error: unknown) => void,
    ) {
      if (query.libraryId && !scopeIncludes(scopeOf(caller), query.libraryId))
        throw new ProblemError('not_found')
      const { items } = await queueService.figures(caller, query)
      const csv = query.format === 'csv'
      const rows = async function* (): AsyncGenerator<Cell[]> {
        for (const item of items) {
          const type = REQUEST_TYPES.find((candidate) => candidate.code === item.type)
          yield [
            type ? pick(type.name, language) : item.type,
            item.received,
            item.completed,
            item.open,
            item.overdue,
            item.medianTurnaroundDays,
            item.withinTargetShare === null
              ? null
              : csv
                ? `${(item.withinTargetShare * 100).toFixed(1)}%`
                : item.withinTargetShare,
          ]
        }
      }
      const stem = {
        zh: `服务统计-${query.from}-${query.to}`,
        en: `request-figures-${query.from}-${query.to}`,
      }
      return {
        fileName: `${pick(stem, language)}.${query.format}`,
        mediaType: MEDIA_TYPES[query.format],
        body: spreadsheet(
          query.format,
          language === 'en' ? 'Figures' : '服务统计',
          FIGURE_COLUMNS,
          language,
          rows(),
          log,
        ),
      }
    },
  }
}
