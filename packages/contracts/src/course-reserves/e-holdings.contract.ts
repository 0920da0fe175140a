import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, TimestampSchema } from '../common/text.ts'
import { ImportProblem } from './course-imports.contract.ts'

/** A platform whose titles the library can give readers (a vendor's e-book or journal package). */
export const Platform = z.object({
  id: IdSchema,
  name: z.string(),
  /** Everything on it is free to read: matches are provided as open access. */
  openAccess: z.boolean(),
  titleCount: z.number().int(),
  fileName: z.string().nullable(),
  importedAt: TimestampSchema.nullable(),
})
export type Platform = z.infer<typeof Platform>

export const listPlatforms = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/e-holdings/platforms',
  tag: 'course-reserves',
  summary: 'My library’s e-holdings platforms, by name, with their title counts',
  access: STAFF_ROLES,
  response: z.object({ items: z.array(Platform) }),
})

const PlatformParams = z.object({ platformId: IdSchema })

export const updatePlatform = defineRoute({
  method: 'PATCH',
  path: '/api/course-reserves/e-holdings/platforms/:platformId',
  tag: 'course-reserves',
  summary: 'Rename a platform, or say whether it is open access',
  access: STAFF_ROLES,
  params: PlatformParams,
  body: z.strictObject({ name: nameText(120).optional(), openAccess: z.boolean().optional() }),
  response: Platform,
})

export const deletePlatform = defineRoute({
  method: 'DELETE',
  path: '/api/course-reserves/e-holdings/platforms/:platformId',
  tag: 'course-reserves',
  summary: 'Remove a platform and its titles; its proposed matches go, accepted titles keep their link',
  access: STAFF_ROLES,
  params: PlatformParams,
  status: 204,
})

/** What each column of a KBART file or title list is read as. */
export const HOLDING_FIELDS = [
  'title',
  'printIdentifier',
  'onlineIdentifier',
  'titleUrl',
  'author',
  'publisher',
  'publicationType',
  'edition',
  'accessType',
] as const
export type HoldingField = (typeof HOLDING_FIELDS)[number]

export const HoldingsImportBody = z
  .strictObject({
    /** An uploaded KBART file (tab-separated .txt/.tsv) or a CSV/Excel title list (POST /api/files). */
    fileId: IdSchema,
    /** The platform whose titles the file replaces… */
    platformId: IdSchema.optional(),
    /** …or the name of a platform (new, or one the library has). */
    platformName: nameText(120).optional(),
    /** For a new platform: everything on it is free to read. */
    openAccess: z.boolean().optional(),
    dryRun: z.boolean().default(true),
  })
  .refine((value) => !!value.platformId !== !!value.platformName, {
    message: 'required',
    path: ['platformName'],
  })

const Count = z.number().int()

export const HoldingsImportPreview = z.object({
  dryRun: z.boolean(),
  fileName: z.string(),
  /** `kbart` when the header is KBART's (publication_title …), else `title_list`. */
  format: z.enum(['kbart', 'title_list']),
  /** Recognised columns: field → header as the file writes it. */
  columns: z.record(z.string(), z.string()),
  /** Headers not read (non-standard or unused KBART columns). */
  ignoredColumns: z.array(z.string()),
  rows: Count,
  counts: z.object({
    /** Titles imported (rows with a title). */
    titles: Count,
    /** …of which with an ISBN (print or online). */
    withIsbn: Count,
    /** …with an ISSN and no ISBN (journals). */
    withIssn: Count,
    /** …with no usable identifier (blank or n/a): matched by title only. */
    withoutIdentifier: Count,
    /** …with no title_url: kept, but never proposed (there is no link to give). */
    withoutUrl: Count,
    /** Rows skipped (no title). */
    skipped: Count,
  }),
  problems: z.array(ImportProblem),
  problemsOmitted: Count,
  /** The platform imported into; null for a new one in a dry run. */
  platform: Platform.nullable(),
  /** Titles the platform had, which the file replaces. */
  replaces: Count,
  /** Proposed matches made after the import (0 in a dry run). */
  proposed: Count,
  applied: z.boolean(),
})
export type HoldingsImportPreview = z.infer<typeof HoldingsImportPreview>

export const importHoldings = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/e-holdings/imports',
  tag: 'course-reserves',
  summary:
    'Import a platform’s e-holdings from a KBART file or CSV/Excel title list (UTF-8 or UTF-16, with or without a BOM): a dry run counts titles and lists problems by line; applying replaces the platform’s titles and matches requested titles against them',
  access: STAFF_ROLES,
  body: HoldingsImportBody,
  response: HoldingsImportPreview,
})
