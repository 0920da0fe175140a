import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, nameText, noteText, TimestampSchema } from '../common/text.ts'

/**
 * The services a library tells its readers about, one status each per phase (FEATURES M1). In
 * the order the status board lists them: online services first, then those in the building.
 */
export const SERVICES = [
  'remote_access',
  'reference',
  'course_reserves',
  'document_delivery',
  'novelty_search',
  'thesis_submission',
  'lending',
  'pickup',
  'reading_rooms',
] as const
export const Service = z.enum(SERVICES)
export type Service = z.infer<typeof Service>

export const SERVICE_LABELS: Record<Service, { zh: string; en: string }> = {
  remote_access: { zh: '校外访问电子资源', en: 'Off-campus e-resources' },
  reference: { zh: '在线咨询', en: 'Online reference' },
  course_reserves: { zh: '电子教参', en: 'Course reserves' },
  document_delivery: { zh: '文献传递', en: 'Document delivery' },
  novelty_search: { zh: '科技查新与查收查引', en: 'Novelty search and citation reports' },
  thesis_submission: { zh: '学位论文提交', en: 'Thesis submission' },
  lending: { zh: '图书借还', en: 'Borrowing and returns' },
  pickup: { zh: '预约取书', en: 'Pickup by appointment' },
  reading_rooms: { zh: '阅览室与自习空间', en: 'Reading rooms and study spaces' },
}

/** How a service runs in a phase. */
export const SERVICE_STATUSES = ['paused', 'online', 'by_appointment', 'normal'] as const
export const ServiceStatus = z.enum(SERVICE_STATUSES)
export type ServiceStatus = z.infer<typeof ServiceStatus>

export const SERVICE_STATUS_LABELS: Record<ServiceStatus, { zh: string; en: string }> = {
  paused: { zh: '暂停', en: 'Paused' },
  online: { zh: '仅线上', en: 'Online only' },
  by_appointment: { zh: '预约办理', en: 'By appointment' },
  normal: { zh: '正常', en: 'Normal' },
}

export const PhaseService = z.strictObject({
  status: ServiceStatus,
  /** What readers should know, e.g. 每周二、四 10:00–16:00 取书. */
  noteZh: noteText(200).default(''),
  noteEn: noteText(300).default(''),
})
export type PhaseService = z.infer<typeof PhaseService>

/**
 * What switching to a phase does besides the statuses (FEATURES M2). Each applied measure is
 * undone with the switch.
 */
export const PhaseMeasures = z.strictObject({
  /** Loans falling due before `toDate` become due on it (their time of day kept). */
  extendDueDates: z
    .strictObject({ toDate: DateOnlySchema, includeOverdue: z.boolean().default(false) })
    .nullable()
    .default(null),
  /** Every open fine waived, with the phase's name as the reason. */
  waiveFines: z.boolean().default(false),
  /** Document delivery requests cost readers nothing while the phase lasts. */
  freeDocumentDelivery: z.boolean().default(false),
  /** Readers may book pickups of held items while the phase lasts. */
  pickup: z.boolean().default(false),
  /** More loans and renewals for every reader type, until a date. */
  raiseLimits: z
    .strictObject({
      extraLoans: z.number().int().min(0).max(50),
      extraRenewals: z.number().int().min(0).max(10),
      until: DateOnlySchema,
    })
    .nullable()
    .default(null),
})
export type PhaseMeasures = z.infer<typeof PhaseMeasures>

export const PhaseInput = z.strictObject({
  /** Absent for a new phase. */
  id: IdSchema.optional(),
  nameZh: nameText(40),
  nameEn: nameText(80),
  /** Shown on the status board and sent to readers when the library switches to the phase. */
  noticeZh: noteText(1000).default(''),
  noticeEn: noteText(2000).default(''),
  services: z.strictObject(
    Object.fromEntries(SERVICES.map((service) => [service, PhaseService])) as Record<
      Service,
      typeof PhaseService
    >,
  ),
  measures: PhaseMeasures,
})
export type PhaseInput = z.input<typeof PhaseInput>
export type PhaseValues = z.output<typeof PhaseInput>

export const Phase = z.object({
  id: IdSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  noticeZh: z.string(),
  noticeEn: z.string(),
  services: z.record(Service, PhaseService),
  measures: PhaseMeasures,
  updatedAt: TimestampSchema,
})
export type Phase = z.infer<typeof Phase>

export const PhaseBook = z.object({
  libraryId: IdSchema,
  /** In the order the library moves through them, from most closed to normal. */
  phases: z.array(Phase),
  currentPhaseId: IdSchema.nullable(),
  /** When the current phase began. */
  since: TimestampSchema.nullable(),
  /** When the phases were last saved; sent back with a save. */
  updatedAt: TimestampSchema.nullable(),
})
export type PhaseBook = z.infer<typeof PhaseBook>

export const MAX_PHASES = 12

const LibraryQuery = z.object({ libraryId: IdSchema.optional() })

export const getPhases = defineRoute({
  method: 'GET',
  path: '/api/operations/phases',
  tag: 'operations',
  summary: 'My library’s operating phases, each service’s status in each, and the current phase',
  access: ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'],
  query: LibraryQuery,
  response: PhaseBook,
})

export const savePhases = defineRoute({
  method: 'PUT',
  path: '/api/operations/phases',
  tag: 'operations',
  summary:
    'Replace my library’s phases, in order; a phase without an id is new, one left out is removed (not the current one)',
  access: ['library_admin', 'consortium_admin'],
  query: LibraryQuery,
  body: z.strictObject({
    phases: z.array(PhaseInput).min(1).max(MAX_PHASES),
    /** The `updatedAt` of the book the editor started from, so two editors don't overwrite each other. */
    seen: TimestampSchema.nullable(),
  }),
  response: PhaseBook,
})

/** One thing a switch does, as the preview and the history show it. */
export const SwitchEffect = z.object({
  kind: z.enum([
    'service_status',
    'extend_due_dates',
    'waive_fines',
    'free_document_delivery',
    'pickup',
    'raise_limits',
  ]),
  /** The service whose status changes (service_status only). */
  service: Service.optional(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  /** Loans, fines or readers it touches, when it touches records. */
  count: z.number().int().nonnegative().optional(),
  /** Applied: the batch that can be undone. */
  batchId: IdSchema.nullable().optional(),
})
export type SwitchEffect = z.infer<typeof SwitchEffect>

export const SwitchPreview = z.object({
  fromPhaseId: IdSchema.nullable(),
  toPhaseId: IdSchema,
  effects: z.array(SwitchEffect),
})
export type SwitchPreview = z.infer<typeof SwitchPreview>

export const PhaseSwitch = z.object({
  id: IdSchema,
  from: z.object({ id: IdSchema.nullable(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  to: z.object({ id: IdSchema.nullable(), nameZh: z.string(), nameEn: z.string() }),
  effects: z.array(SwitchEffect),
  switchedAt: TimestampSchema,
  switchedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  undoneAt: TimestampSchema.nullable(),
  undoneBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** What others changed after the switch and its undo left as they made it. */
  undoReport: z.array(z.object({ kind: z.string(), count: z.number().int() })).nullable(),
  /** The latest switch, not undone: the one that can be undone now. */
  undoable: z.boolean(),
})
export type PhaseSwitch = z.infer<typeof PhaseSwitch>

const SwitchBody = z.strictObject({
  toPhaseId: IdSchema,
  /** The phase the admin saw as current; another switch in between makes this one 409. */
  fromPhaseId: IdSchema.nullable(),
})

export const previewPhaseSwitch = defineRoute({
  method: 'POST',
  path: '/api/operations/phase-switches/preview',
  tag: 'operations',
  summary: 'Everything switching to a phase would do, changing nothing',
  access: ['library_admin', 'consortium_admin'],
  query: LibraryQuery,
  body: SwitchBody,
  response: SwitchPreview,
})

export const switchPhase = defineRoute({
  method: 'POST',
  path: '/api/operations/phase-switches',
  tag: 'operations',
  summary: 'Switch my library to a phase: statuses and measures in one transaction, readers told',
  access: ['library_admin', 'consortium_admin'],
  query: LibraryQuery,
  body: SwitchBody,
  response: PhaseSwitch,
  status: 201,
})

export const listPhaseSwitches = defineRoute({
  method: 'GET',
  path: '/api/operations/phase-switches',
  tag: 'operations',
  summary: 'My library’s phase switches, latest first',
  access: ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'],
  query: LibraryQuery,
  response: z.object({ items: z.array(PhaseSwitch) }),
})

export const undoPhaseSwitch = defineRoute({
  method: 'POST',
  path: '/api/operations/phase-switches/:switchId/undo',
  tag: 'operations',
  summary: 'Undo the latest phase switch: back to the phase before, and each measure it applied undone',
  access: ['library_admin', 'consortium_admin'],
  params: z.object({ switchId: IdSchema }),
  response: PhaseSwitch,
})

/** The public status board's feed: no sign-in. */
export const ServiceBoard = z.object({
  library: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  phase: z
    .object({
      nameZh: z.string(),
      nameEn: z.string(),
      noticeZh: z.string(),
      noticeEn: z.string(),
      since: TimestampSchema,
    })
    .nullable(),
  services: z.array(
    z.object({
      service: Service,
      nameZh: z.string(),
      nameEn: z.string(),
      status: ServiceStatus,
      statusZh: z.string(),
      statusEn: z.string(),
      noteZh: z.string(),
      noteEn: z.string(),
    }),
  ),
  updatedAt: TimestampSchema.nullable(),
})
export type ServiceBoard = z.infer<typeof ServiceBoard>

export const getServiceBoard = defineRoute({
  method: 'GET',
  path: '/api/service-board/:libraryCode',
  tag: 'operations',
  summary: 'A library’s current phase and the status of each of its services (public, no sign-in)',
  access: 'public',
  params: z.object({ libraryCode: z.string().min(1).max(40) }),
  response: ServiceBoard,
})

const all = (
  status: ServiceStatus,
  except: Partial<Record<Service, [ServiceStatus, string?, string?]>> = {},
): Record<Service, PhaseService> =>
  Object.fromEntries(
    SERVICES.map((service) => {
      const [own, noteZh = '', noteEn = ''] = except[service] ?? [status]
      return [service, { status: own, noteZh, noteEn }]
    }),
  ) as Record<Service, PhaseService>

const NO_MEASURES: PhaseMeasures = {
  extendDueDates: null,
  waiveFines: false,
  freeDocumentDelivery: false,
  pickup: false,
  raiseLimits: null,
}

/**
 * The phases Shanghai's university libraries went through in 2020, as a starting point a library
 * edits: closed with everything online, limited service by appointment, open with limits, normal.
 */
export const SUGGESTED_PHASES: z.input<typeof PhaseInput>[] = [
  {
    nameZh: '闭馆（线上服务）',
    nameEn: 'Closed (online services)',
    noticeZh:
      '图书馆暂停开放，线上服务照常：校外访问、在线咨询、电子教参、文献传递。借期统一顺延，闭馆期间不计逾期费。',
    noticeEn:
      'The library building is closed; online services go on: off-campus access, online reference, course reserves, document delivery. Due dates are extended and no overdue fines accrue while closed.',
    services: all('online', {
      lending: ['paused'],
      pickup: ['paused'],
      reading_rooms: ['paused'],
    }),
    measures: { ...NO_MEASURES, waiveFines: true, freeDocumentDelivery: true },
  },
  {
    nameZh: '有限开放（预约服务）',
    nameEn: 'Limited service by appointment',
    noticeZh: '图书馆提供预约借书和预约取书，请在线提交借书申请并预约取书时间。阅览室暂不开放。',
    noticeEn: 'Books can be requested online and picked up at a booked time. Reading rooms stay closed.',
    services: all('online', {
      lending: ['by_appointment', '在线申请，馆员代取', 'Request online; staff pull the books'],
      pickup: ['by_appointment', '工作日 10:00–16:00 分时段取书', 'Weekdays 10:00–16:00 in time slots'],
      reading_rooms: ['paused'],
    }),
    measures: { ...NO_MEASURES, freeDocumentDelivery: true, pickup: true },
  },
  {
    nameZh: '开放（限流）',
    nameEn: 'Open with limits',
    noticeZh: '图书馆恢复开放，凭校园卡入馆，限制在馆人数；阅览座位需预约。',
    noticeEn:
      'The library is open again: entry with a campus card, a limit on people inside; seats by booking.',
    services: all('normal', {
      reading_rooms: ['by_appointment', '座位需预约', 'Seats by booking'],
      pickup: ['normal'],
    }),
    measures: { ...NO_MEASURES, pickup: true },
  },
  {
    nameZh: '正常开放',
    nameEn: 'Normal service',
    noticeZh: '图书馆各项服务恢复正常。',
    noticeEn: 'Every service of the library is back to normal.',
    services: all('normal'),
    measures: NO_MEASURES,
  },
]
