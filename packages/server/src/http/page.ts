/**
 * One page of a list read one row past its limit: the extra row only says there is more, and
 * the cursor for the next page comes from the last row shown (its id unless told otherwise).
 */
export const pageOf = <Row, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  cursorOf: (last: Row) => string = (last) => (last as { id: string }).id,
) => {
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  return {
    items: shown.map(present),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  }
}
