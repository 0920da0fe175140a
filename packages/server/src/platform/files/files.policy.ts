import { createReadStream } from 'node:fs'
import { files } from '@shuqiao/contracts'
import { fileTypeFromFile } from 'file-type'
import { ProblemError } from '../../http/problem.ts'
import { charsetOf, type TextCharset } from './text-encoding.ts'

type FileKind = files.FileKind

/** What an upload may be: the kinds allowed, and a size limit when it differs from FILE_MAX_BYTES. */
export interface UploadPolicy {
  kinds: readonly FileKind[]
  maxBytes?: number
}

/** Reader and staff attachments: documents and images; archives only where a module asks for them. */
export const ATTACHMENT_POLICY: UploadPolicy = { kinds: files.ATTACHMENT_KINDS }

/** What the content really is: a kind we know, or what file-type calls it (e.g. `exe`), or unknown. */
export type Detected = { kind: FileKind } | { kind: null; label: string }

const KIND_BY_FILE_TYPE: Record<string, FileKind> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  jpg: 'jpeg',
  png: 'png',
  zip: 'zip',
}

/**
 * Reads the stored bytes to decide what they are. Text has no magic number, so "txt" means text
 * in an encoding Chinese offices save it in (UTF-8 without NUL, UTF-16 with a BOM, or GBK
 * without control characters), which rules out binaries that merely lack a signature.
 */
export const detectKind = async (path: string): Promise<Detected> => {
  const found = await fileTypeFromFile(path)
  const kind = found ? KIND_BY_FILE_TYPE[found.ext] : undefined
  if (kind) return { kind }
  const charset = await charsetOf(createReadStream(path))
  // A UTF-16 byte order mark (FF FE) looks like the start of an MPEG audio frame to file-type.
  if (charset && (!found || charset.startsWith('utf-16'))) return { kind: 'txt' }
  return { kind: null, label: found?.ext ?? 'unknown' }
}

/** The encoding of a stored text file, judged from its start, for the download's Content-Type. */
export const textCharsetOf = async (path: string): Promise<TextCharset> =>
  (await charsetOf(createReadStream(path, { end: 64 * 1024 - 1 }), false)) ?? 'utf-8'

/** Refuses content the policy does not allow, naming what it is and what would be accepted. */
export const assertAllowed = (detected: Detected, policy: UploadPolicy): FileKind => {
  if (detected.kind && policy.kinds.includes(detected.kind)) return detected.kind
  const actual = detected.kind === null ? detected.label : detected.kind
  const allowed = policy.kinds.join(', ')
  throw new ProblemError('file_type_not_allowed', {
    detail: {
      zh: `文件内容是 ${actual === 'unknown' ? '无法识别的格式' : actual}，此处只接受：${allowed}。`,
      en: `The file's content is ${actual === 'unknown' ? 'of an unrecognised format' : actual}; accepted here: ${allowed}.`,
    },
  })
}

export const tooLarge = (maxBytes: number) => {
  const mib = (maxBytes / (1024 * 1024)).toFixed(maxBytes % (1024 * 1024) === 0 ? 0 : 1)
  const limit = maxBytes >= 1024 * 1024 ? `${mib} MiB` : `${maxBytes} bytes`
  return new ProblemError('file_too_large', {
    detail: {
      zh: `文件过大，上限为 ${limit.replace('bytes', '字节')}。`,
      en: `The file is too large; the limit is ${limit}.`,
    },
  })
}

export const mediaTypeOf = (kind: FileKind) => files.FILE_KINDS[kind].mediaType
