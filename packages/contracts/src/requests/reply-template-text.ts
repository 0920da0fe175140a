import type { Bilingual } from './request-type.ts'

/**
 * The placeholders a reply template may hold, each written `{key}` or `{中文名}`:
 * `{读者姓名}` and `{reader_name}` are the same thing. The server fills them from the request,
 * in the reader's language, when a librarian picks the template.
 */
export const REPLY_PLACEHOLDERS = [
  { key: 'reader_name', zh: '读者姓名', label: { zh: '读者姓名', en: 'Reader’s name' } },
  { key: 'number', zh: '编号', label: { zh: '申请编号', en: 'Request number' } },
  { key: 'type', zh: '类型', label: { zh: '服务类型', en: 'Service type' } },
  { key: 'due_date', zh: '目标日期', label: { zh: '目标完成日期', en: 'Target date' } },
  { key: 'library', zh: '图书馆', label: { zh: '本馆名称', en: 'Library name' } },
  { key: 'staff_name', zh: '馆员姓名', label: { zh: '经办馆员姓名', en: 'Your name' } },
] as const satisfies readonly { key: string; zh: string; label: Bilingual }[]

export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number]['key']
export type ReplyValues = Record<ReplyPlaceholder, string>

const BY_NAME = new Map<string, ReplyPlaceholder>(
  REPLY_PLACEHOLDERS.flatMap((placeholder) => [
    [placeholder.key, placeholder.key],
    [placeholder.zh, placeholder.key],
  ]),
)

/** Made-up values for previews while a template is being written. */
export const SAMPLE_REPLY_VALUES: Record<'zh' | 'en', ReplyValues> = {
  zh: {
    reader_name: '李明',
    number: 'DD-2026-000123',
    type: '文献传递',
    due_date: '2026-03-06',
    library: '上海交通大学图书馆',
    staff_name: '王芳',
  },
  en: {
    reader_name: 'Li Ming',
    number: 'DD-2026-000123',
    type: 'Document delivery',
    due_date: '2026-03-06',
    library: 'Shanghai Jiao Tong University Library',
    staff_name: 'Wang Fang',
  },
}

type Piece = { text: string } | { placeholder: ReplyPlaceholder }

export interface ParsedReplyTemplate {
  pieces: Piece[]
  /** Placeholders as written that name nothing we know, e.g. `{学号}`. */
  unknown: string[]
  /** Known placeholders written with full-width braces (`｛读者姓名｝`), which are plain text. */
  fullWidth: string[]
}

// `{name}`: up to 40 characters without braces or line breaks. `{{` and `}}` are literal braces.
const TOKEN = /\{\{|\}\}|\{([^{}\r\n]{1,40})\}/g
const FULL_WIDTH = /｛\s*([^｛｝\r\n]{1,40}?)\s*｝/g

/**
 * Reads a template's text once, left to right. A brace that starts no placeholder is kept as
 * text; `{{` and `}}` write a literal brace.
 */
export const parseReplyTemplate = (source: string): ParsedReplyTemplate => {
  const pieces: Piece[] = []
  const unknown: string[] = []
  let text = ''
  let last = 0
  for (const match of source.matchAll(TOKEN)) {
    text += source.slice(last, match.index)
    last = match.index + match[0].length
    if (match[0] === '{{' || match[0] === '}}') {
      text += match[0][0]
      continue
    }
    const key = BY_NAME.get(match[1]!.trim())
    if (!key) {
      unknown.push(match[0])
      text += match[0]
      continue
    }
    if (text) pieces.push({ text })
    text = ''
    pieces.push({ placeholder: key })
  }
  text += source.slice(last)
  if (text) pieces.push({ text })
  const fullWidth = [...source.matchAll(FULL_WIDTH)]
    .filter((match) => BY_NAME.has(match[1]!))
    .map((match) => match[0])
  return { pieces, unknown: [...new Set(unknown)], fullWidth: [...new Set(fullWidth)] }
}

/**
 * The template with its placeholders filled. Values are inserted as plain text in one pass, so
 * a value that itself looks like `{编号}` stays as written; control characters are dropped.
 */
export const renderReplyTemplate = (source: string, values: ReplyValues) =>
  parseReplyTemplate(source)
    .pieces.map((piece) =>
      'text' in piece ? piece.text : values[piece.placeholder].replace(/[\p{Cc}\p{Cf}]/gu, ''),
    )
    .join('')

/** How a placeholder is written in the given language, e.g. `{读者姓名}` or `{reader_name}`. */
export const placeholderToken = (key: ReplyPlaceholder, language: 'zh' | 'en') => {
  const placeholder = REPLY_PLACEHOLDERS.find((candidate) => candidate.key === key)!
  return `{${language === 'zh' ? placeholder.zh : placeholder.key}}`
}
