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
