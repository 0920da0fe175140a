import { similarityChecks } from '@shuqiao/contracts'
import type { TableRow } from '../../platform/spreadsheets/read-table.ts'

const { normaliseHeader } = similarityChecks

// Which cell of a list's row holds which column, found by its header.

export interface ColumnSpec {
  required: boolean
  headers: readonly string[]
}

export interface ColumnMap<K extends string> {
  /** Cell index of each column found. */
  index: Partial<Record<K, number>>
  /** The header each column was found under, as written. */
  found: Partial<Record<K, string>>
  ignored: string[]
  missing: K[]
  /** Headers naming a column that an earlier header already named. */
  repeated: string[]
}

/** Which cell holds which column, by header (Chinese or English, case and spacing ignored). */
export const mapColumns = <K extends string>(header: string[], spec: Record<K, ColumnSpec>): ColumnMap<K> => {
  const byHeader = new Map<string, K>()
  for (const [key, column] of Object.entries(spec) as [K, ColumnSpec][])
    for (const name of column.headers) byHeader.set(normaliseHeader(name), key)
  const map: ColumnMap<K> = { index: {}, found: {}, ignored: [], missing: [], repeated: [] }
  header.forEach((name, index) => {
    if (!name) return
    const key = byHeader.get(normaliseHeader(name))
    if (!key) map.ignored.push(name)
    else if (map.index[key] !== undefined) map.repeated.push(name)
    else {
      map.index[key] = index
      map.found[key] = name
    }
  })
  for (const [key, column] of Object.entries(spec) as [K, ColumnSpec][])
    if (column.required && map.index[key] === undefined) map.missing.push(key)
  return map
}

/** A row's cell for a column, trimmed; '' when the column or cell is absent. */
export const cellOf = <K extends string>(map: ColumnMap<K>, row: TableRow, key: K) => {
  const index = map.index[key]
  return index === undefined ? '' : (row.cells[index] ?? '').trim()
}
