/** One CSV cell: quoted when it holds a comma, quote or line break; formulas are defused for Excel. */
export const csvCell = (value: string | number | null | undefined) => {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A CSV file's text: UTF-8 with a byte order mark, so Excel on Chinese Windows opens 中文
 * correctly, and CRLF line ends as Excel writes them.
 */
export const toCsv = (rows: readonly (readonly (string | number | null | undefined)[])[]) =>
  `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`

/** Offers text as a file download, built in the browser. */
export const downloadText = (fileName: string, text: string, mediaType = 'text/csv;charset=utf-8') => {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
