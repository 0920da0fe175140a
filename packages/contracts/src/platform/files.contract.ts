import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'

/**
 * Kinds of file an upload policy may allow. The server decides the kind from the bytes, never
 * from the name or the declared type; the extensions only help a browser's file picker.
 */
export const FILE_KINDS = {
  pdf: { mediaType: 'application/pdf', extensions: ['.pdf'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
  },
  jpeg: { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  png: { mediaType: 'image/png', extensions: ['.png'] },
  txt: { mediaType: 'text/plain', extensions: ['.txt', '.csv', '.tsv', '.md', '.log'] },
  zip: { mediaType: 'application/zip', extensions: ['.zip'] },
} as const satisfies Record<string, { mediaType: string; extensions: readonly string[] }>

export type FileKind = keyof typeof FILE_KINDS

/** What `POST /api/files` accepts: documents and images, not archives. */
export const ATTACHMENT_KINDS = ['pdf', 'docx', 'xlsx', 'jpeg', 'png', 'txt'] as const satisfies FileKind[]

export const FileInfo = z.object({
  id: IdSchema,
  /** The uploader's file name, cleaned of path parts and control characters; for display only. */
  name: z.string(),
  size: z.number().int(),
  /** Detected from the content. */
  mediaType: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
})
export type FileInfo = z.infer<typeof FileInfo>

const FileParams = z.object({ fileId: IdSchema })

export const uploadFile = defineRoute({
  method: 'POST',
  path: '/api/files',
  tag: 'files',
  summary:
    'Upload one file as multipart/form-data; it stays private to the uploader until a module attaches it',
  access: 'signed_in',
  response: FileInfo,
  status: 201,
})

export const downloadFile = defineRoute({
  method: 'GET',
  path: '/api/files/:fileId',
  tag: 'files',
  summary: 'Download a file (as an attachment); unknown and unreadable files are both 404',
  access: 'signed_in',
  params: FileParams,
})

export const getFileMeta = defineRoute({
  method: 'GET',
  path: '/api/files/:fileId/meta',
  tag: 'files',
  summary: 'Name, size and type of a file the caller may download',
  access: 'signed_in',
  params: FileParams,
  response: FileInfo,
})
