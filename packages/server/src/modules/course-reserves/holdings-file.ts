import type { Readable } from 'node:stream'
import { TextDecoder } from 'node:util'
import { files } from '@shuqiao/contracts'
import { parse } from 'csv-parse'
import type { AppContext } from '../../context.ts'
import { type FileRecord, openBytes } from '../../platform/files/files.service.ts'
import { charsetOf } from '../../platform/files/text-encoding.ts'
import { readTable, type TableRow, UnreadableTable } from '../../platform/spreadsheets/read-table.ts'
import { error, type RowProblem } from './course-import.problems.ts'

// A vendor's title list read as it streams from storage, so a KBART file of a million rows is
// never held in memory: UTF-8 (with or without a BOM), UTF-16 with a BOM or GB18030; tab- or
// comma-separated (KBART is tab-separated and unquoted, so quotes in titles are only text);
// CRLF or LF; rows longer or shorter than the header (a trailing tab) are fine. An Excel title
// list is read whole (workbooks are small).

export interface StreamedTable {
  headers: string[]
  headerLine: number
  /** Rows under the header, blank ones left out; a malformed CSV throws UnreadableTable. */
  rows: AsyncIterable<TableRow>
}

const SNIFF_BYTES = 64 * 1024
/** Rows of an Excel title list at most (a KBART file, as text, has no limit but its size). */
export const WORKBOOK_MAX_ROWS = 200_000

/** The first `SNIFF_BYTES` of a stream, and the whole stream again from its start. */
const peek = async (stream: Readable) => {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const head: Buffer[] = []
  let size = 0
  let done = false
  while (size < SNIFF_BYTES) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    head.push(next.value)
    size += next.value.length
  }
  async function* all() {
    yield* head
    if (done) return
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  return { head: Buffer.concat(head), all: all() }
}

/** Text chunks with every line ending as `\n` (a `\r` at a chunk's end waits for the next). */
async function* decode(chunks: AsyncIterable<Buffer>, charset: string) {
  const decoder = new TextDecoder(charset)
  let pending = ''
  for await (const chunk of chunks) {
    let text = pending + decoder.decode(chunk, { stream: true })
    pending = ''
    if (text.endsWith('\r')) {
      pending = '\r'
      text = text.slice(0, -1)
    }
    if (text) yield text.replace(/\r\n?/g, '\n')
  }
  const tail = pending + decoder.decode()
  if (tail) yield tail.replace(/\r\n?/g, '\n')
}

const CSV_REASON = { zh: 'CSV 格式不正确', en: 'the CSV is not well formed' }

/** Records of delimited text, each with the line it starts on. */
async function* records(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<TableRow> {
  const parser = parse({
    delimiter,
    quote: delimiter === '\t' ? false : '"',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  })
  const source = (async () => {
    try {
      for await (const chunk of text)
        if (!parser.write(chunk)) await new Promise((go) => parser.once('drain', go))
      parser.end()
    } catch (caught) {
      parser.destroy(caught as Error)
    }
  })()
  // csv-parse reports the line a record ends on; it starts after the previous one and the blank
  // lines skipped since.
  let lastEnd = 0
  let lastEmpty = 0
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[]
      info: { lines: number; empty_lines: number }
    }>) {
      const start = lastEnd + 1 + (info.empty_lines - lastEmpty)
      lastEnd = info.lines
      lastEmpty = info.empty_lines
      yield { line: start, cells: record }
    }
  } catch {
    const line = lastEnd + 1
    throw new UnreadableTable(line, {
      zh: `第 ${line} 行起 CSV 格式有误：${CSV_REASON.zh}。`,
      en: `The CSV is malformed from line ${line}: ${CSV_REASON.en}.`,
    })
  } finally {
    parser.destroy()
  }
  await source
}

const isBlank = (row: TableRow) => row.cells.every((cell) => cell === '')

/** The header (the first row that is not blank) and an iterator over the rows under it. */
const splitHeader = async (rows: AsyncIterable<TableRow>): Promise<StreamedTable> => {
  const iterator = rows[Symbol.asyncIterator]()
  let header: TableRow | undefined
  for (let next = await iterator.next(); !next.done; next = await iterator.next())
    if (!isBlank(next.value)) {
      header = next.value
      break
    }
  if (!header) throw new UnreadableTable(0, { zh: '文件是空的。', en: 'The file is empty.' })
  async function* rest() {
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      if (!isBlank(next.value)) yield next.value
  }
  return { headers: header.cells, headerLine: header.line, rows: rest() }
}

/**
 * Delimited text as a streamed table, or undefined when the bytes are not text in an encoding we
 * read. The delimiter is the header's; an empty file or a malformed CSV throws UnreadableTable.
 */
export const streamTable = async (stream: Readable): Promise<StreamedTable | undefined> => {
  const { head, all } = await peek(stream)
  const charset = await charsetOf([head], head.length < SNIFF_BYTES)
  if (!charset) return undefined
  const text = decode(all, charset)
  // The delimiter is the header's (its first line that is not blank): tabs (KBART) or commas,
  // whichever it has more of.
  const buffered: string[] = []
  let joined = ''
  while (!/\S[^\n]*\n/.test(joined)) {
    const next = await text.next()
    if (next.done) break
    buffered.push(next.value)
    joined += next.value
  }
  const firstLine = joined.split('\n').find((line) => line.trim() !== '') ?? ''
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ','
  const replay = (async function* () {
    yield* buffered
    yield* text
  })()
  return splitHeader(records(replay, delimiter))
}

const NOT_A_LIST = (name: string) =>
  error(0, null, 'not_a_table', {
    zh: `“${name}”不是 KBART 文件或 CSV、Excel 题录清单；请上传平台提供的 KBART 文件（.txt/.tsv）或题录清单。`,
    en: `“${name}” is not a KBART file nor a CSV or Excel title list; upload the platform's KBART file (.txt/.tsv) or title list.`,
  })

/**
 * The stored file as a streamed table, or the one problem that stops it being read (not text
 * nor Excel, an encoding we cannot read, an empty file).
 */
export const openHoldingsFile = async (
  ctx: AppContext,
  file: FileRecord,
): Promise<{ table: StreamedTable; problem?: undefined } | { table?: undefined; problem: RowProblem }> => {
  const asProblem = (caught: unknown) => {
    if (caught instanceof UnreadableTable)
      return error(
        caught.line,
        null,
        'unreadable',
        caught.reason ?? { zh: '无法读取这个文件。', en: 'This file cannot be read.' },
      )
    throw caught
  }
  try {
    if (file.mediaType === files.FILE_KINDS.xlsx.mediaType) {
      const chunks: Buffer[] = []
      for await (const chunk of await openBytes(ctx, file)) chunks.push(chunk as Buffer)
      const table = await readTable(Buffer.concat(chunks), WORKBOOK_MAX_ROWS).catch((caught: unknown) => {
        if (caught instanceof UnreadableTable) throw caught
        throw new UnreadableTable(0, {
          zh: `工作簿的行数超过 ${WORKBOOK_MAX_ROWS} 行；请另存为制表符分隔的文本文件再导入。`,
          en: `The workbook has more than ${WORKBOOK_MAX_ROWS} rows; save it as tab-separated text and import that.`,
        })
      })
      return {
        table: {
          headers: table.headers,
          headerLine: table.headerLine,
          rows: (async function* () {
            yield* table.rows
          })(),
        },
      }
    }
    if (file.mediaType !== files.FILE_KINDS.txt.mediaType) return { problem: NOT_A_LIST(file.name) }
    const table = await streamTable(await openBytes(ctx, file))
    return table ? { table } : { problem: NOT_A_LIST(file.name) }
  } catch (caught) {
    return { problem: asProblem(caught) }
  }
}
