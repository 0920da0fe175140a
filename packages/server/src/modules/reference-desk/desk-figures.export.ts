import { type Language, referenceDesk } from '@shuqiao/contracts'
import { type Cell, tableFile } from '../../platform/spreadsheets/write-table.ts'

const SOURCE_LABELS: Record<referenceDesk.FigureSource, { zh: string; en: string }> = {
  chats: { zh: '在线咨询', en: 'Chats' },
  tickets: { zh: '留言咨询', en: 'Tickets' },
}

const STATUS_LABELS: Record<referenceDesk.TicketStatus, { zh: string; en: string }> = {
  new: { zh: '留言：新建', en: 'Tickets: new' },
  open: { zh: '留言：处理中', en: 'Tickets: open' },
  pending: { zh: '留言：待读者回复', en: 'Tickets: awaiting reader' },
  closed: { zh: '留言：已关闭', en: 'Tickets: closed' },
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10)
const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 10) / 10)

/** The desk's figures as a spreadsheet: one row per queue (with a total), per hour of day or per day. */
export const figuresFile = (
  figures: referenceDesk.DeskFigures,
  libraryCode: string,
  table: referenceDesk.FigureTable,
  format: 'csv' | 'xlsx',
  language: Language,
) => {
  const en = language === 'en'
  const label = (text: { zh: string; en: string }) => (en ? text.en : text.zh)
  const sourceColumns = figures.sources.map((source) => ({ header: label(SOURCE_LABELS[source]), width: 12 }))
  const total = { header: label({ zh: '合计', en: 'Total' }), width: 10 }
  const name = `${libraryCode}-desk-${table}-${figures.from}-${figures.to}`
  if (table === 'days') {
    return tableFile({
      name,
      sheet: en ? 'By day' : '按日期',
      format,
      columns: [{ header: label({ zh: '日期', en: 'Day' }), width: 12 }, ...sourceColumns, total],
      rows: figures.byDay.map((row): Cell[] => [
        row.day,
        ...figures.sources.map((source) => row.counts[source] ?? 0),
        row.total,
      ]),
    })
  }
  if (table === 'hours') {
    return tableFile({
      name,
      sheet: en ? 'By hour' : '按时段',
      format,
      columns: [{ header: label({ zh: '时段', en: 'Hour' }), width: 12 }, ...sourceColumns, total],
      rows: figures.byHour.map((row): Cell[] => [
        `${String(row.hour).padStart(2, '0')}:00–${String(row.hour + 1).padStart(2, '0')}:00`,
        ...figures.sources.map((source) => row.counts[source] ?? 0),
        row.total,
      ]),
    })
  }
  const lineCells = (line: referenceDesk.FigureLine): Cell[] => [
    ...figures.sources.map((source) => line.counts[source] ?? 0),
    line.total,
    minutes(line.averageWaitSeconds),
    minutes(line.averageFirstAnswerSeconds),
    line.ratingAverage,
    line.ratingCount,
    ...referenceDesk.TICKET_STATUSES.map((status) => line.tickets.byStatus[status]),
    hours(line.tickets.averageFirstAnswerSeconds),
  ]
  return tableFile({
    name,
    sheet: en ? 'By queue' : '按队列',
    format,
    columns: [
      { header: label({ zh: '咨询队列', en: 'Queue' }), width: 20 },
      ...sourceColumns,
      total,
      { header: label({ zh: '平均等待（分钟）', en: 'Average wait (min)' }), width: 16 },
      { header: label({ zh: '平均首次回复（分钟）', en: 'Average first answer (min)' }), width: 20 },
      { header: label({ zh: '平均评分', en: 'Average rating' }), width: 12 },
      { header: label({ zh: '评价数', en: 'Ratings' }), width: 10 },
      ...referenceDesk.TICKET_STATUSES.map((status) => ({ header: label(STATUS_LABELS[status]), width: 14 })),
      {
        header: label({ zh: '留言平均首次答复（小时）', en: 'Tickets: average first answer (h)' }),
        width: 22,
      },
    ],
    rows: [
      ...figures.byQueue.map((line) => [en ? line.queue.nameEn : line.queue.nameZh, ...lineCells(line)]),
      [label({ zh: '全部', en: 'All queues' }), ...lineCells(figures.totals)],
    ],
  })
}
