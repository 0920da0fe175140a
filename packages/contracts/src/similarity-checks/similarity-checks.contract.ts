import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import type { Role } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, nameText, noteText, ReaderNumberSchema } from '../common/text.ts'
import { FileInfo } from '../platform/files.contract.ts'
import {
  BULK_ACTIONS,
  BULK_REPORT_OUTCOMES,
  DEGREES,
  MAX_BULK_REPORT_NAMES,
  ORIGINS,
  SERVICES,
  THESIS_ACTIONS,
  THESIS_STATUSES,
} from './vocabulary.ts'

export * from './vocabulary.ts'

/** Staff of a library manage its batches. */
const MANAGERS = ['librarian', 'subject_librarian', 'library_admin'] as const satisfies readonly Role[]
/** … and the consortium office reads every member library's. */
const READERS_OF_BATCHES = [...MANAGERS, 'consortium_admin'] as const satisfies readonly Role[]

export const DegreeSchema = z.enum(DEGREES)
export const OriginSchema = z.enum(ORIGINS)
export const ServiceSchema = z.enum(SERVICES)
export const ThesisStatusSchema = z.enum(THESIS_STATUSES)
export const ThesisActionSchema = z.enum(THESIS_ACTIONS)

/** A percent from 0 to 100, kept to two decimals (e.g. 总文字复制比 12.3). */
export const PercentSchema = z
  .number()
  .min(0)
  .max(100)
  .transform((value) => Math.round(value * 100) / 100)

const PersonRef = z.object({ id: IdSchema, name: z.string() })

export const BatchCounts = z.object({
  total: z.number().int(),
  waiting: z.number().int(),
  submitted: z.number().int(),
  checked: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  returned: z.number().int(),
  withdrawn: z.number().int(),
})
export type BatchCounts = z.infer<typeof BatchCounts>

export const Batch = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  name: z.string(),
  degree: DegreeSchema,
  origin: OriginSchema,
  /** Who sent it, e.g. 研究生院培养办 or a department; null when the library organised it. */
  source: z.string().nullable(),
  service: ServiceSchema,
  /** The service's name when it is `other`, or a remark such as the account used. */
  serviceNote: z.string().nullable(),
  /** A result passes at or below this (percent). */
  thresholdPercent: z.number(),
  dueDate: DateOnlySchema.nullable(),
  notes: z.string().nullable(),
  createdBy: PersonRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  counts: BatchCounts,
  /** Past its due date with theses still waiting or being checked. */
  overdue: z.boolean(),
})
export type Batch = z.infer<typeof Batch>

export const BatchDetail = Batch.extend({
  /** Departments of the batch's theses, for filtering. */
  departments: z.array(z.string()),
})
export type BatchDetail = z.infer<typeof BatchDetail>

export const AllowedThesisAction = z.object({
  action: ThesisActionSchema,
  to: ThesisStatusSchema,
  needsPercent: z.boolean(),
  needsReason: z.boolean(),
})

export const Thesis = z.object({
  id: IdSchema,
  batchId: IdSchema,
  libraryId: IdSchema,
  readerNumber: z.string(),
  authorName: z.string(),
  title: z.string(),
  supervisor: z.string().nullable(),
  departmentId: IdSchema.nullable(),
  department: z.string().nullable(),
  major: z.string().nullable(),
  degree: DegreeSchema,
  /** The reader account with this reader number in the library, when there is one. */
  account: PersonRef.nullable(),
  status: ThesisStatusSchema,
  /** 1 for the first check, 2 for the first recheck (复检), … */
  attempt: z.number().int(),
  similarityPercent: z.number().nullable(),
  /** Against the batch's pass line; null until checked. */
  passed: z.boolean().nullable(),
  /** Why it was returned or withdrawn (the graduate reads it). */
  reason: z.string().nullable(),
  thesisFile: FileInfo.nullable(),
  reportFile: FileInfo.nullable(),
  submittedAt: z.string().nullable(),
  checkedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do next (nothing for the graduate). */
  allowedActions: z.array(AllowedThesisAction),
})
export type Thesis = z.infer<typeof Thesis>

export const ThesisEvent = z.object({
  id: IdSchema,
  at: z.string(),
  actor: PersonRef.nullable(),
  action: z.string(),
  fromStatus: ThesisStatusSchema.nullable(),
  toStatus: ThesisStatusSchema,
  attempt: z.number().int(),
  similarityPercent: z.number().nullable(),
  reportFile: FileInfo.nullable(),
  note: z.string().nullable(),
})
export type ThesisEvent = z.infer<typeof ThesisEvent>

export const BatchSummary = z.object({
  id: IdSchema,
  name: z.string(),
  degree: DegreeSchema,
  service: ServiceSchema,
  serviceNote: z.string().nullable(),
  thresholdPercent: z.number(),
  dueDate: DateOnlySchema.nullable(),
})

export const ThesisDetail = Thesis.extend({ batch: BatchSummary, events: z.array(ThesisEvent) })
export type ThesisDetail = z.infer<typeof ThesisDetail>

// ---- imports ----

export const ImportProblem = z.object({
  /** The line in the file (the header is line 1); 0 for the file as a whole. */
  line: z.number().int(),
  /** The column's header as written in the file, when the problem is in one cell. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  /** Errors stop the import; warnings only inform. */
  severity: z.enum(['error', 'warning']),
})
export type ImportProblem = z.infer<typeof ImportProblem>

export const ImportBody = z.strictObject({
  /** An uploaded CSV (UTF-8, GBK or UTF-16 with a BOM) or Excel (.xlsx) file of the caller’s. */
  fileId: IdSchema,
  /** Check and preview only; nothing is written. */
  dryRun: z.boolean().default(true),
})

export const ThesisImportPreview = z.object({
  dryRun: z.boolean(),
  fileName: z.string(),
  /** Data rows read (not counting the header or blank lines). */
  rows: z.number().int(),
  /** Rows without errors. */
  valid: z.number().int(),
  /** Theses added (0 on a dry run). */
  created: z.number().int(),
  /** Which header was read as which column, and headers not used. */
  columns: z.object({ found: z.record(z.string(), z.string()), ignored: z.array(z.string()) }),
  problems: z.array(ImportProblem),
  items: z.array(
    z.object({
      line: z.number().int(),
      readerNumber: z.string(),
      authorName: z.string(),
      title: z.string(),
      supervisor: z.string().nullable(),
      department: z.string().nullable(),
      major: z.string().nullable(),
      degree: DegreeSchema.nullable(),
      /** A reader account with this number exists, so the graduate will see the result. */
      accountFound: z.boolean(),
      ok: z.boolean(),
    }),
  ),
})
export type ThesisImportPreview = z.infer<typeof ThesisImportPreview>

export const ResultImportPreview = z.object({
  dryRun: z.boolean(),
  fileName: z.string(),
  rows: z.number().int(),
  valid: z.number().int(),
  /** Results recorded (0 on a dry run). */
  recorded: z.number().int(),
  /** Rows whose thesis already has the same result; they change nothing. */
  unchanged: z.number().int(),
  problems: z.array(ImportProblem),
  items: z.array(
    z.object({
      line: z.number().int(),
      readerNumber: z.string(),
      thesisId: IdSchema.nullable(),
      authorName: z.string().nullable(),
      title: z.string().nullable(),
      similarityPercent: z.number().nullable(),
      passed: z.boolean().nullable(),
      ok: z.boolean(),
    }),
  ),
})
export type ResultImportPreview = z.infer<typeof ResultImportPreview>

// ---- reports in bulk ----

export const BulkReportFile = z.object({
  /** The file's name as sent. */
  name: z.string(),
  /** The reader number the name starts with: the thesis's when matched, else as read (null when none). */
  readerNumber: z.string().nullable(),
  outcome: z.enum(BULK_REPORT_OUTCOMES),
  /** What will happen or happened to the file, or why it is left out, in the caller's language. */
  message: z.string(),
  /** The thesis the name points to, when there is exactly one. */
  thesis: z
    .object({
      id: IdSchema,
      readerNumber: z.string(),
      authorName: z.string(),
      title: z.string(),
      status: ThesisStatusSchema,
    })
    .nullable(),
  /** The thesis already has a report, which this file replaces. */
  replaces: z.boolean(),
  /** The stored report, once attached. */
  file: FileInfo.nullable(),
})
export type BulkReportFile = z.infer<typeof BulkReportFile>

export const BulkReportAnswer = z.object({
  dryRun: z.boolean(),
  /** Files that will be (preview) or were attached. */
  matched: z.number().int(),
  /** Files attached (0 in a preview). */
  attached: z.number().int(),
  /** Every file in the order sent, with its outcome. */
  files: z.array(BulkReportFile),
})
export type BulkReportAnswer = z.infer<typeof BulkReportAnswer>

// ---- routes ----

const BatchParams = z.object({ batchId: IdSchema })
const ThesisParams = z.object({ thesisId: IdSchema })

const optionalName = (max: number) => nameText(max).nullable().optional()

export const BatchBody = z.strictObject({
  name: nameText(120),
  degree: DegreeSchema,
  origin: OriginSchema,
  source: optionalName(100),
  service: ServiceSchema,
  serviceNote: optionalName(100),
  thresholdPercent: PercentSchema,
  dueDate: DateOnlySchema.nullable().optional(),
  notes: noteText(2000).nullable().optional(),
})

export const BatchChange = BatchBody.partial()

export const BatchListQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  libraryId: IdSchema.optional(),
  degree: DegreeSchema.optional(),
  service: ServiceSchema.optional(),
  /** `open`: theses still waiting, being checked or returned (or none yet); `done`: all settled. */
  state: z.enum(['open', 'done']).optional(),
  q: z.string().trim().max(60).optional(),
})

export const listBatches = defineRoute({
  method: 'GET',
  path: '/api/similarity-checks/batches',
  tag: 'similarity-checks',
  summary: 'Similarity check batches (论文查重批次), newest first, with counts by status',
  access: READERS_OF_BATCHES,
  query: BatchListQuery,
  response: page(Batch),
})

export const createBatch = defineRoute({
  method: 'POST',
  path: '/api/similarity-checks/batches',
  tag: 'similarity-checks',
  summary: 'Open a batch in my library',
  access: MANAGERS,
  body: BatchBody,
  response: BatchDetail,
  status: 201,
})

export const getBatch = defineRoute({
  method: 'GET',
  path: '/api/similarity-checks/batches/:batchId',
  tag: 'similarity-checks',
  summary: 'One batch with its counts',
  access: READERS_OF_BATCHES,
  params: BatchParams,
  response: BatchDetail,
})

export const updateBatch = defineRoute({
  method: 'PATCH',
  path: '/api/similarity-checks/batches/:batchId',
  tag: 'similarity-checks',
  summary: 'Change a batch (its degree only while it is empty)',
  access: MANAGERS,
  params: BatchParams,
  body: BatchChange,
  response: BatchDetail,
})

export const deleteBatch = defineRoute({
  method: 'DELETE',
  path: '/api/similarity-checks/batches/:batchId',
  tag: 'similarity-checks',
  summary: 'Delete a batch none of whose theses was ever submitted (e.g. the wrong list imported)',
  access: MANAGERS,
  params: BatchParams,
  status: 204,
})

export const ThesisListQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  status: ThesisStatusSchema.optional(),
  verdict: z.enum(['passed', 'failed']).optional(),
  department: z.string().trim().max(100).optional(),
  q: z.string().trim().max(60).optional(),
})

export const listTheses = defineRoute({
  method: 'GET',
  path: '/api/similarity-checks/batches/:batchId/theses',
  tag: 'similarity-checks',
  summary: 'Theses of a batch in the order they were added, filtered by status, verdict and department',
  access: READERS_OF_BATCHES,
  params: BatchParams,
  query: ThesisListQuery,
  response: page(Thesis),
})

export const ThesisBody = z.strictObject({
  readerNumber: ReaderNumberSchema,
  authorName: nameText(60),
  title: nameText(300),
  supervisor: optionalName(100),
  department: optionalName(100),
  major: optionalName(100),
  /** Defaults to the batch's degree, and must match it. */
  degree: DegreeSchema.optional(),
})

export const addThesis = defineRoute({
  method: 'POST',
  path: '/api/similarity-checks/batches/:batchId/theses',
  tag: 'similarity-checks',
  summary: 'Add one thesis to a batch',
  access: MANAGERS,
  params: BatchParams,
  body: ThesisBody,
  response: ThesisDetail,
  status: 201,
})

export const importTheses = defineRoute({
  method: 'POST',
  path: '/api/similarity-checks/batches/:batchId/imports',
  tag: 'similarity-checks',
  summary:
    'Import a list of theses from CSV or Excel: a dry run previews every row’s problems by line; applying adds all rows or none',
  access: MANAGERS,
  params: BatchParams,
  body: ImportBody,
  response: ThesisImportPreview,
})

export const importResults = defineRoute({
  method: 'POST',
  path: '/api/similarity-checks/batches/:batchId/results',
  tag: 'similarity-checks',
  summary:
    'Record results from a CSV or Excel file of (reader number, similarity percent): dry run first, then all or nothing',
  access: MANAGERS,
  params: BatchParams,
  body: ImportBody,
  response: ResultImportPreview,
})

export const bulkTransition = defineRoute({
  method: 'POST',
  path: '/api/similarity-checks/batches/:batchId/transitions',
  tag: 'similarity-checks',
  summary:
    'Move many theses at once (e.g. mark every waiting thesis as submitted); theses the step does not apply to are left as they are',
  access: MANAGERS,
  params: BatchParams,
  body: z.strictObject({
    action: z.enum(BULK_ACTIONS as [string, ...string[]]),
    /** Chosen theses, or `all` of the batch's theses the step applies to. */
    thesisIds: z.union([z.array(IdSchema).min(1).max(5000), z.literal('all')]),
    note: noteText(1000).optional(),
  }),
  response: z.object({ changed: z.number().int(), skipped: z.number().int() }),
})

export const exportBatch = defineRoute({
  method: 'GET',
  path: '/api/similarity-checks/batches/:batchId/export',
  tag: 'similarity-checks',
  summary: 'The batch’s theses with their results, as CSV (UTF-8 with BOM) or Excel',
  access: READERS_OF_BATCHES,
  params: BatchParams,
  query: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
})

export const getThesis = defineRoute({
  method: 'GET',
  path: '/api/similarity-checks/theses/:thesisId',
  tag: 'similarity-checks',
  summary: 'One thesis with its history (a graduate sees only their own)',
  access: 'signed_in',
  params: ThesisParams,
  response: ThesisDetail,
})

export const updateThesis = defineRoute({
  method: 'PATCH',
  path: '/api/similarity-checks/theses/:thesisId',
  tag: 'similarity-checks',
  summary: 'Correct a thesis’s details or attach its PDF',
  access: MANAGERS,
  params: ThesisParams,
  body: ThesisBody.omit({ degree: true }).partial().extend({ thesisFileId: IdSchema.nullable().optional() }),
  response: ThesisDetail,
})

export const transitionThesis = defineRoute({
  method: 'POST',
  path: '/api/similarity-checks/theses/:thesisId/transitions',
  tag: 'similarity-checks',
  summary: 'Move a thesis on, e.g. record its result (409 with the allowed steps when not allowed now)',
  access: MANAGERS,
  params: ThesisParams,
  body: z.strictObject({
    action: ThesisActionSchema,
    similarityPercent: PercentSchema.optional(),
    /** The service's report (PDF), uploaded first. */
    reportFileId: IdSchema.optional(),
    /** Shown to the graduate; required when returning, withdrawing or correcting. */
    note: noteText(1000).optional(),
  }),
  response: ThesisDetail,
})

export const attachReport = defineRoute({
  method: 'PUT',
  path: '/api/similarity-checks/theses/:thesisId/report',
  tag: 'similarity-checks',
  summary: 'Attach or replace the result report (PDF) of a checked thesis',
  access: MANAGERS,
  params: ThesisParams,
  body: z.strictObject({ fileId: IdSchema }),
  response: ThesisDetail,
})

export const previewBulkReports = defineRoute({
  method: 'POST',
  path: '/api/similarity-checks/batches/:batchId/reports/preview',
  tag: 'similarity-checks',
  summary:
    'Before a bulk upload of reports: how each file name (starting with a reader number, e.g. 2019123456_张三.pdf) matches the batch’s theses; nothing is sent or stored',
  access: MANAGERS,
  params: BatchParams,
  body: z.strictObject({
    files: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1).max(255),
          /** Bytes, so files over the size limit are named before they are sent. */
          size: z.number().int().min(0).optional(),
        }),
      )
      .min(1)
      .max(MAX_BULK_REPORT_NAMES),
  }),
  response: BulkReportAnswer,
})

export const uploadBulkReports = defineRoute({
  method: 'POST',
  path: '/api/similarity-checks/batches/:batchId/reports',
  tag: 'similarity-checks',
  summary:
    'Upload many report PDFs at once (multipart/form-data, one `file` part each, named by reader number); each is matched to a checked thesis of the batch and attached as its report, the others are not stored and the answer says why',
  access: MANAGERS,
  params: BatchParams,
  response: BulkReportAnswer,
})

export const listMyTheses = defineRoute({
  method: 'GET',
  path: '/api/similarity-checks/mine',
  tag: 'similarity-checks',
  summary: 'My own thesis checks, newest first',
  access: 'signed_in',
  query: PageQuery.extend({ cursor: IdSchema.optional() }),
  response: page(ThesisDetail),
})
