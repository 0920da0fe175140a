import { files } from '@shuqiao/contracts'

const MAX_NAME = 120

/**
 * The uploader's file name made safe to show and to offer as a download name. It is never
 * used as a path: storage goes by hash. Path parts, control and bidi-override characters and
 * characters Windows forbids are dropped, and the extension is made to match the detected
 * kind, so "report.exe" holding a PDF downloads as "report.exe.pdf".
 */
export const cleanFileName = (raw: string | undefined, kind: files.FileKind) => {
  // Browsers send `"` in a multipart file name as %22 (WHATWG form encoding); busboy keeps it so.
  const decoded = (raw ?? '').replaceAll('%22', '"').normalize('NFC')
  const lastPart = decoded.split(/[/\\]/).at(-1) ?? ''
  let name = lastPart
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^[.\s]+/, '')
  const extensions: readonly string[] = files.FILE_KINDS[kind].extensions
  const matched = extensions.find((ext) => name.toLowerCase().endsWith(ext))
  const extension = matched ? name.slice(name.length - matched.length) : extensions[0]!
  if (matched) name = name.slice(0, name.length - matched.length)
  const stem = [...name]
    .slice(0, MAX_NAME - extension.length)
    .join('')
    .trim()
  return `${stem || 'file'}${extension}`
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback for old clients and the exact
 * name as RFC 5987 `filename*`, which browsers prefer; nothing in it can end the header.
 */
export const attachmentDisposition = (name: string) => {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_')
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
