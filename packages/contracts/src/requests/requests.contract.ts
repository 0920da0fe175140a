import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, noteText } from '../common/text.ts'
import { REQUEST_TYPE_CODES } from './types/index.ts'

export const RequestTypeCode = z.enum(REQUEST_TYPE_CODES)

const PersonRef = z.object({ id: IdSchema, name: z.string(), readerNumber: z.string() })

export const AllowedAction = z.object({
  action: z.string(),
  to: z.string(),
  needsReason: z.boolean(),
  needsFile: z.boolean(),
})

export const ServiceRequest = z.object({
  id: IdSchema,
  number: z.string(),
  type: RequestTypeCode,
  status: z.string(),
  libraryId: IdSchema,
  reader: PersonRef.extend({ departmentId: IdSchema.nullable() }),
  form: z.record(z.string(), z.unknown()),
  /**
   * For types assigned by subject: the department (学科) whose subject librarians the request went
   * to, the one the reader chose or else their own; null for other types.
   */
  subjectId: IdSchema.nullable(),
  assignee: PersonRef.nullable(),
  feeFen: z.number().int(),
  submittedAt: z.string(),
  /** The service-level target, counted in the library's working days. */
  dueDate: DateOnlySchema,
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  /** What the caller may do next. */
  allowedActions: z.array(AllowedAction),
})
export type ServiceRequest = z.infer<typeof ServiceRequest>

/** One form field a reader corrected when resubmitting; `null` for a value not given. */
export const FormChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })
export type FormChange = z.infer<typeof FormChange>

export const RequestEvent = z.object({
  id: IdSchema,
  at: z.string(),
  actor: PersonRef.nullable(),
  kind: z.enum(['submitted', 'transition', 'comment', 'assigned']),
  action: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  /** Staff-only notes; never sent to readers. */
  internal: z.boolean(),
  fileIds: z.array(IdSchema),
  /** The form fields corrected with this step (a resubmission), in the type's field order. */
  formChanges: z.array(FormChange),
})
export type RequestEvent = z.infer<typeof RequestEvent>

export const Confirmation = z.object({
  /** What anyone checks at /verify/<code>, e.g. 7KQ2-M9XD-4F. */
  code: z.string(),
  issuedAt: z.string(),
})

export const RequestDetail = ServiceRequest.extend({
  events: z.array(RequestEvent),
  /** Issued when the request reached its type's confirmation status; null before or for other types. */
  confirmation: Confirmation.nullable(),
})

/** What a confirmation proves, shown to whoever holds its code; the reader's name is partly masked. */
export const VerifiedConfirmation = z.object({
  valid: z.literal(true),
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  number: z.string(),
  type: RequestTypeCode,
  readerName: z.string(),
  readerNumber: z.string(),
  library: z.object({ nameZh: z.string(), nameEn: z.string() }),
  /** The printed form values, labelled, in both languages. */
  values: z.array(
    z.object({
      label: z.object({ zh: z.string(), en: z.string() }),
      value: z.object({ zh: z.string(), en: z.string() }),
    }),
  ),
  issuedAt: z.string(),
})

export const verifyConfirmation = defineRoute({
  method: 'GET',
  path: '/api/confirmations/:code',
  tag: 'requests',
  summary:
    'Check a confirmation (e.g. for leaving procedures) by the code printed on it; unknown codes are 404',
  access: 'public',
  params: z.object({ code: z.string().trim().max(20) }),
  response: VerifiedConfirmation,
})

const RequestParams = z.object({ requestId: IdSchema })

export const listRequestTypes = defineRoute({
  method: 'GET',
  path: '/api/request-types',
  tag: 'requests',
  summary: 'Request types with today’s fee at my library',
  access: 'signed_in',
  response: z.object({
    items: z.array(
      z.object({
        code: RequestTypeCode,
        feeFen: z.number().int(),
        feeWaivedUntil: DateOnlySchema.nullable(),
        targetWorkingDays: z.number().int(),
      }),
    ),
  }),
})

export const SubmitRequestBody = z.strictObject({
  type: RequestTypeCode,
  /** Validated against the type's form on the server. */
  form: z.record(z.string(), z.unknown()),
  fileIds: z.array(IdSchema).max(10).default([]),
  /**
   * Types assigned by subject only: a department of the library (its list is
   * `GET /api/libraries/:libraryId/departments`) whose subject librarian should take the request;
   * the reader's own department when left out. Another library's or an unknown one is refused
   * (`body.subjectId`, `unknown_subject`).
   */
  subjectId: IdSchema.optional(),
})

export const submitRequest = defineRoute({
  method: 'POST',
  path: '/api/requests',
  tag: 'requests',
  summary: 'Submit a request (send an Idempotency-Key header so a double submit creates one)',
  access: 'signed_in',
  body: SubmitRequestBody,
  response: RequestDetail,
  status: 201,
})

export const listMyRequests = defineRoute({
  method: 'GET',
  path: '/api/requests/mine',
  tag: 'requests',
  summary: 'My requests, newest first',
  access: 'signed_in',
  query: PageQuery.extend({ cursor: IdSchema.optional(), type: RequestTypeCode.optional() }),
  response: page(ServiceRequest),
})

export const QueueQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  type: RequestTypeCode.optional(),
  status: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  /** An account id, `me` or `unassigned`. */
  assignee: z.union([IdSchema, z.enum(['me', 'unassigned'])]).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  open: z.enum(['true', 'false']).optional(),
  libraryId: IdSchema.optional(),
  /** Requests routed by this subject (a department id), chosen by the reader or theirs by default. */
  subject: IdSchema.optional(),
  q: z.string().trim().max(60).optional(),
})

/** File formats of the staff exports: CSV (UTF-8 with a byte order mark, for Excel) and xlsx. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export const ExportFormat = z.enum(EXPORT_FORMATS)

/** The queue's filters without paging: an export holds every matching request. */
export const QueueExportQuery = QueueQuery.omit({ cursor: true, limit: true }).extend({
  format: ExportFormat,
})

export const listRequestQueue = defineRoute({
  method: 'GET',
  path: '/api/requests',
  tag: 'requests',
  summary: 'The staff queue, filtered by type, status, assignee and overdue',
  access: ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'],
  query: QueueQuery,
  response: page(ServiceRequest),
})

export const exportRequestQueue = defineRoute({
  method: 'GET',
  path: '/api/requests/export',
  tag: 'requests',
  summary:
    'The staff queue as it is filtered, as a CSV or Excel file with headers in my language (streamed; audited)',
  access: ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'],
  query: QueueExportQuery,
})

export const getRequest = defineRoute({
  method: 'GET',
  path: '/api/requests/:requestId',
  tag: 'requests',
  summary: 'One request with its timeline (readers see their own, without internal notes)',
  access: 'signed_in',
  params: RequestParams,
  response: RequestDetail,
})

export const transitionRequest = defineRoute({
  method: 'POST',
  path: '/api/requests/:requestId/transitions',
  tag: 'requests',
  summary:
    'Move a request on (409 with the allowed actions when not allowed now); a reader resubmitting may correct the form',
  access: 'signed_in',
  params: RequestParams,
  body: z.strictObject({
    action: z.string().regex(/^[a-z_]{1,40}$/),
    note: noteText(4000).optional(),
    /** Staff only: a note for colleagues, never shown to the reader. */
    internalNote: noteText(4000).optional(),
    fileIds: z.array(IdSchema).max(10).default([]),
    /**
     * Reader only, on a step whose transition `correctsForm` (resubmitting after 退回修改): the
     * whole corrected form, checked as on submit. Fields left out are cleared.
     */
    form: z.record(z.string(), z.unknown()).optional(),
  }),
  response: RequestDetail,
})

export const commentOnRequest = defineRoute({
  method: 'POST',
  path: '/api/requests/:requestId/comments',
  tag: 'requests',
  summary: 'Add a comment (staff may mark it internal)',
  access: 'signed_in',
  params: RequestParams,
  body: z.strictObject({
    body: noteText(4000).refine((text) => text.trim().length > 0, { message: 'too_small' }),
    internal: z.boolean().default(false),
    fileIds: z.array(IdSchema).max(10).default([]),
  }),
  response: RequestDetail,
  status: 201,
})

export const assignRequests = defineRoute({
  method: 'POST',
  path: '/api/requests/assign',
  tag: 'requests',
  summary: 'Assign requests to a colleague (or nobody)',
  access: ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'],
  body: z.strictObject({ requestIds: z.array(IdSchema).min(1).max(200), assigneeId: IdSchema.nullable() }),
  response: z.object({ assigned: z.number().int() }),
})

export const FiguresQuery = z.object({
  from: DateOnlySchema,
  to: DateOnlySchema,
  libraryId: IdSchema.optional(),
})

export const requestFigures = defineRoute({
  method: 'GET',
  path: '/api/requests/figures',
  tag: 'requests',
  summary: 'Per type: received, completed, median turnaround and share within target',
  access: ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'],
  query: FiguresQuery,
  response: z.object({
    items: z.array(
      z.object({
        type: RequestTypeCode,
        received: z.number().int(),
        completed: z.number().int(),
        open: z.number().int(),
        overdue: z.number().int(),
        medianTurnaroundDays: z.number().nullable(),
        withinTargetShare: z.number().nullable(),
      }),
    ),
  }),
})

export const exportRequestFigures = defineRoute({
  method: 'GET',
  path: '/api/requests/figures/export',
  tag: 'requests',
  summary: 'The per-type figures of a period as a CSV or Excel file',
  access: ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'],
  query: FiguresQuery.extend({ format: ExportFormat }),
})

export const setFeeWaiver = defineRoute({
  method: 'PUT',
  path: '/api/libraries/:libraryId/request-fees/:type',
  tag: 'requests',
  summary: 'Make a request type free for a period (e.g. 疫期文献传递免费), or end that',
  access: ['library_admin', 'consortium_admin'],
  params: z.object({ libraryId: IdSchema, type: RequestTypeCode }),
  body: z.strictObject({
    freeFrom: DateOnlySchema.nullable(),
    freeUntil: DateOnlySchema.nullable(),
    note: noteText(200).optional(),
  }),
  response: z.object({
    type: RequestTypeCode,
    freeFrom: DateOnlySchema.nullable(),
    freeUntil: DateOnlySchema.nullable(),
  }),
})
export * from './teams.contract.ts'
