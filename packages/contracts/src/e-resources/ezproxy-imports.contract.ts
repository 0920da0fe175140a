import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'

const Bilingual = z.object({ zh: z.string(), en: z.string() })

/** One stanza of the file and what importing it does to the directory. */
export const EzproxyStanza = z.object({
  line: z.number().int(),
  title: z.string(),
  url: z.string().nullable(),
  hosts: z.array(z.string()),
  domains: z.array(z.string()),
  /** Added as a draft, or its proxy route set on the resource already there (same address or title). */
  action: z.enum(['create', 'update', 'skip']),
  existing: z.object({ id: IdSchema, nameZh: z.string() }).nullable(),
})

export const EzproxyImport = z.object({
  fileName: z.string(),
  encoding: z.string(),
  lines: z.number().int(),
  stanzas: z.array(EzproxyStanza),
  problems: z.array(
    z.object({
      line: z.number().int(),
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      message: Bilingual,
    }),
  ),
  /** Directives that are not stanzas (Option, IncludeFile, ProxyHostnameEdit …), left as they are. */
  skipped: z.array(
    z.object({ directive: z.string(), count: z.number().int(), lines: z.array(z.number().int()) }),
  ),
  includeFiles: z.array(z.object({ file: z.string(), line: z.number().int() })),
  /** Whether the directory was changed; false for a preview. */
  applied: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
})
export type EzproxyImport = z.infer<typeof EzproxyImport>

export const importEzproxyConfig = defineRoute({
  method: 'POST',
  path: '/api/resources/ezproxy-imports',
  tag: 'e-resources',
  summary:
    'Read an EZproxy config.txt (multipart/form-data, field `file`): a preview, or with ?apply=true its stanzas added to or updated in the directory with their proxy route, all at once and only when the file has no errors',
  access: STAFF_ROLES,
  query: z.object({ apply: z.enum(['true', 'false']).default('false') }),
  response: EzproxyImport,
})

/** One row of a resource list and what importing it does. */
export const ResourceImportRow = z.object({
  line: z.number().int(),
  nameZh: z.string(),
  url: z.string(),
  action: z.enum(['create', 'update']),
  existing: z.object({ id: IdSchema, nameZh: z.string() }).nullable(),
})

export const ResourceImport = z.object({
  fileName: z.string(),
  rowsTotal: z.number().int(),
  /** Which header of the file feeds which field; unknown headers are left out of the import. */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  rows: z.array(ResourceImportRow),
  problems: z.array(
    z.object({
      line: z.number().int(),
      column: z.string().nullable(),
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      message: Bilingual,
    }),
  ),
  applied: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
})
export type ResourceImport = z.infer<typeof ResourceImport>

export const importResources = defineRoute({
  method: 'POST',
  path: '/api/resources/imports',
  tag: 'e-resources',
  summary:
    'Read a resource list as CSV or Excel (multipart/form-data, field `file`; our own export reads back): a preview by row, or with ?apply=true new resources added as drafts and known ones (same address or name) updated, all at once and only when no row has an error',
  access: STAFF_ROLES,
  query: z.object({ apply: z.enum(['true', 'false']).default('false') }),
  response: ResourceImport,
})
