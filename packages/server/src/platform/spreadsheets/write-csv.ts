import type { Options } from 'csv-stringify'

// Text Excel would run as a formula (=, +, -, @, or a leading tab / carriage return) starts
// with an apostrophe in CSV; xlsx stores it as a plain string, which Excel never runs.
export const defuseFormula = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

/**
 * How exports write CSV with csv-stringify: UTF-8 with a byte order mark so Excel on a Chinese
 * Windows reads 中文, CRLF line ends, formulas defused, dates as ISO 8601.
 */
export const CSV_OPTIONS = {
  bom: true,
  record_delimiter: 'windows',
  cast: { string: defuseFormula, date: (value: Date) => value.toISOString() },
} as const satisfies Options

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8'
