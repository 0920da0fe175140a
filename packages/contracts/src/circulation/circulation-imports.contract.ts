import { z } from 'zod'
import { ImportProblem } from '../catalogue/catalogue.contract.ts'
import { PageQuery, page } from '../common/pagination.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'
import { DESK_ROLES } from './loans.contract.ts'

/** Open loans (barcode, reader, dates) or unpaid fines (reader, amount, reason); told apart by the columns. */
export const IMPORT_KINDS = ['loans', 'fines'] as const

export const CirculationImport = z.object({
  id: IdSchema,
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  status: z.enum(['previewed', 'applied', 'discarded']),
  rowsTotal: z.number().int(),
  rowsValid: z.number().int(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.object({ id: IdSchema, name: z.string() }),
  appliedAt: z.string().nullable(),
  added: z.number().int().nullable(),
})
export type CirculationImport = z.infer<typeof CirculationImport>

/** One row as it will be stored: a loan, or a fine (then without item and dates). */
export const StagedRow = z.object({
  line: z.number().int(),
  readerNumber: z.string(),
  readerName: z.string(),
  barcode: z.string().nullable(),
  title: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  renewals: z.number().int().nullable(),
  amountFen: z.number().int().nullable(),
  reason: z.string().nullable(),
})
export type StagedRow = z.infer<typeof StagedRow>

export const CirculationImportDetail = CirculationImport.extend({
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  /** Every problem by line (up to 1,000). Any error keeps the whole file out. */
  problems: z.array(ImportProblem),
  sample: z.array(StagedRow),
})
export type CirculationImportDetail = z.infer<typeof CirculationImportDetail>

const ImportParams = z.object({ importId: IdSchema })

export const previewCirculationImport = defineRoute({
  method: 'POST',
  path: '/api/circulation/imports',
  tag: 'circulation',
  summary:
    'Upload open loans or unpaid fines exported from the old system (CSV or Excel, multipart/form-data); a dry run that stores nothing',
  access: DESK_ROLES,
  response: CirculationImportDetail,
  status: 201,
})

export const listCirculationImports = defineRoute({
  method: 'GET',
  path: '/api/circulation/imports',
  tag: 'circulation',
  summary: 'Earlier loan and fine imports of my library, newest first',
  access: DESK_ROLES,
  query: PageQuery,
  response: page(CirculationImport),
})

export const getCirculationImport = defineRoute({
  method: 'GET',
  path: '/api/circulation/imports/:importId',
  tag: 'circulation',
  summary: 'One import with its columns, every problem by line and sample rows',
  access: DESK_ROLES,
  params: ImportParams,
  response: CirculationImportDetail,
})

export const applyCirculationImport = defineRoute({
  method: 'POST',
  path: '/api/circulation/imports/:importId/apply',
  tag: 'circulation',
  summary:
    'Store every row of a previewed import in one transaction; refused while any row has an error, so nothing is half-imported',
  access: DESK_ROLES,
  params: ImportParams,
  response: CirculationImportDetail,
})

export const discardCirculationImport = defineRoute({
  method: 'POST',
  path: '/api/circulation/imports/:importId/discard',
  tag: 'circulation',
  summary: 'Drop a previewed import',
  access: DESK_ROLES,
  params: ImportParams,
  response: CirculationImportDetail,
})
