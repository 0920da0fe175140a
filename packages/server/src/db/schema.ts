import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** A timestamptz: read as Date, written as Date or ISO string, defaulted by the database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string | null, string | null>

export interface ConsortiaTable {
  id: string
  code: string
  name_zh: string
  name_en: string
  created_at: Timestamp
}

export interface LibrariesTable {
  id: string
  consortium_id: string
  code: string
  name_zh: string
  name_en: string
  time_zone: Generated<string>
  open_weekdays: ColumnType<number[], number[] | undefined, number[]>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface LibraryCalendarDaysTable {
  library_id: string
  /** 'YYYY-MM-DD' in the library's time zone. */
  day: string
  open: boolean
  note: string | null
}

export interface DepartmentsTable {
  id: string
  library_id: string
  code: string
  name_zh: string
  name_en: string
}

export interface AccountsTable {
  id: string
  consortium_id: string
  library_id: string | null
  reader_number: string
  name: string
  type: 'student' | 'teacher' | 'staff'
  department_id: string | null
  email: string | null
  phone: string | null
  language: Generated<'zh-CN' | 'en'>
  password_hash: string | null
  status: Generated<'active' | 'disabled'>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AccountRolesTable {
  account_id: string
  role: 'reader' | 'librarian' | 'subject_librarian' | 'library_admin' | 'consortium_admin'
}

export interface SubjectAssignmentsTable {
  account_id: string
  department_id: string
  library_id: string
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a leaked table cannot be replayed as cookies. */
  id: string
  account_id: string
  via: 'password' | 'oidc'
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: ColumnType<Date, Date | string, Date | string>
  user_agent: string | null
  ip: string | null
}

export interface SignInFailuresTable {
  key: string
  at: Timestamp
}

export interface OidcProvidersTable {
  id: string
  library_id: string
  label: string
  issuer: string
  client_id: string
  client_secret: string
  reader_number_claim: Generated<string>
  name_claim: Generated<string>
  create_accounts: Generated<boolean>
  enabled: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface OidcLoginsTable {
  state: string
  provider_id: string
  code_verifier: string
  nonce: string
  return_to: string | null
  created_at: Timestamp
}

export interface AccountIdentitiesTable {
  provider_id: string
  subject: string
  account_id: string
}

export interface AuditEventsTable {
  id: string
  at: Timestamp
  consortium_id: string
  library_id: string | null
  actor_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  /** How a person recognises the entity, e.g. 李明 (2020001), as it was at the time. */
  entity_label: string | null
  changed_fields: ColumnType<string[], string[] | undefined, string[]>
  before: Json
  after: Json
  request_id: string | null
}

export interface RequestsTable {
  id: string
  library_id: string
  type: string
  /** Human-facing number, e.g. DD-2026-000123. */
  number: string
  reader_id: string
  department_id: string | null
  /** The department whose subject librarians a request assigned by subject went to (学科). */
  subject_id: string | null
  status: string
  form: ColumnType<Record<string, unknown>, string, string>
  assignee_id: string | null
  fee_fen: number
  submitted_at: Timestamp
  due_date: string
  closed_at: Date | null
  updated_at: Timestamp
  idempotency_key: string | null
}

export interface RequestEventsTable {
  id: string
  request_id: string
  library_id: string
  at: Timestamp
  actor_id: string | null
  kind: 'submitted' | 'transition' | 'comment' | 'assigned'
  action: string | null
  from_status: string | null
  to_status: string | null
  note: string | null
  internal: Generated<boolean>
  file_ids: ColumnType<string[], string[] | undefined, string[]>
  /** Form fields a reader corrected with this step, as JSON: [{ field, before, after }]. */
  form_changes: ColumnType<{ field: string; before: unknown; after: unknown }[], string | undefined, string>
}

export interface RequestCountersTable {
  library_id: string
  prefix: string
  year: number
  last: number
}

export interface RequestFeeWaiversTable {
  library_id: string
  type: string
  free_from: string
  free_until: string
  note: string | null
}

export interface ReplyTemplatesTable {
  id: string
  library_id: string
  /** Null: library-wide; else the only account that sees it. */
  owner_id: string | null
  /** A request type code, or null for every type. */
  type: string | null
  /** A staff transition, or null for any step and for comments. */
  action: string | null
  title_zh: string
  title_en: string | null
  body_zh: string
  body_en: string | null
  created_by: string
  updated_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface FilesTable {
  id: string
  consortium_id: string
  /** Null for consortium-level files (reports a consortium admin keeps). */
  library_id: string | null
  sha256: string
  size: number
  media_type: string
  original_name: string
  /** Null for a guest's upload (a chat at the reference desk keeps which guest). */
  uploaded_by: string | null
  created_at: Timestamp
  /** Which module's row owns the file once attached, e.g. `request`; null while unattached. */
  owner_kind: string | null
  owner_id: string | null
  attached_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Counts towards the uploader's hourly limit; false for uploads a route bounds itself. */
  metered: Generated<boolean>
}

export interface NoticeChannelsTable {
  id: string
  library_id: string
  name: string
  kind: 'wecom' | 'dingtalk' | 'webhook'
  url: string
  /** Signing secret; never leaves the server. */
  secret: string | null
  events: ColumnType<string[], string[], string[]>
  enabled: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface NoticeOutboxTable {
  id: string
  library_id: string
  event: string
  channel: 'inbox' | 'email' | 'wecom' | 'dingtalk' | 'webhook'
  recipient_account_id: string | null
  notice_channel_id: string | null
  /** The e-mail address at the time of the notice. */
  address: string | null
  language: 'zh-CN' | 'en'
  subject: string
  body: string
  data: ColumnType<Record<string, unknown>, string, string>
  dedupe_key: string | null
  status: Generated<'pending' | 'failed' | 'sent' | 'dead' | 'skipped'>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  /** A worker's lease: until then no other worker claims the row. */
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  claim_id: string | null
  last_error: string | null
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Timestamp
}

export interface RequestTeamsTable {
  library_id: string
  type: string
  account_id: string
  added_at: Timestamp
}

export interface RequestConfirmationsTable {
  request_id: string
  library_id: string
  code: string
  issued_at: Timestamp
}

export interface CatalogueItemsTable {
  id: string
  library_id: string
  barcode: string
  title: string
  author: string | null
  publisher: string | null
  year: number | null
  /** Normalised to ISBN-13; null when the record has none or an invalid one. */
  isbn13: string | null
  call_number: string | null
  location: string | null
  material_type: Generated<string>
  status: Generated<string>
  search_text: Generated<string>
  search_doc: ColumnType<string, never, never>
  /** When a quarantined item may go back on the shelf; null otherwise. */
  quarantine_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface EResourcesTable {
  id: string
  library_id: string
  name_zh: string
  name_en: string | null
  aliases: ColumnType<string[], string[] | undefined, string[]>
  vendor: string | null
  platform: string | null
  kind: string
  subjects: ColumnType<string[], string[] | undefined, string[]>
  description_zh: string | null
  description_en: string | null
  url: string
  owner_id: string | null
  status: Generated<'draft' | 'testing' | 'published' | 'suspended' | 'expired'>
  free_from: ColumnType<string | null, string | null | undefined, string | null>
  free_until: ColumnType<string | null, string | null | undefined, string | null>
  sort_key: string
  initial: string
  search_text: Generated<string>
  search_doc: ColumnType<string, never, never>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ResourceGuidesTable {
  id: string
  library_id: string
  code: string
  title_zh: string
  title_en: string | null
  description_zh: string | null
  description_en: string | null
  discipline: string | null
  status: Generated<'draft' | 'published'>
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

/** A library's own discipline list (学科列表); none means the national categories. */
export interface LibraryDisciplinesTable {
  library_id: string
  code: string
  name_zh: string
  name_en: string
  position: number
}

export interface ResourceGuideItemsTable {
  guide_id: string
  resource_id: string
  position: number
  note_zh: string | null
  note_en: string | null
}

export interface EResourceAccessTestsTable {
  id: string
  resource_id: string
  route: string
  works: boolean
  note: string | null
  tested_by: string
  tested_at: Timestamp
}

export interface ResourceGuideVisitsTable {
  guide_id: string
  day: ColumnType<string, string, string>
  visits: number
}

export interface EResourceWordsTable {
  library_id: string
  word: string
}

export interface EResourceRoutesTable {
  resource_id: string
  kind: string
  position: number
  url: string | null
  values: ColumnType<Record<string, string>, string, string>
  note_zh: string | null
  note_en: string | null
}

export interface LibraryAccessSettingsTable {
  library_id: string
  settings: ColumnType<unknown, string, string>
  updated_by: string | null
  updated_at: Timestamp
}

export interface AccessPlatformsTable {
  library_id: string
  code: string
  name: string
  template: string
  confirmed: boolean
  hosts: ColumnType<string[], string[] | undefined, string[]>
  soft404_phrases: ColumnType<string[], string[] | undefined, string[]>
  login_phrases: ColumnType<string[], string[] | undefined, string[]>
  updated_at: Timestamp
}

export interface EResourceClicksTable {
  library_id: string
  resource_id: string
  route: string
  day: ColumnType<string, string, string>
  clicks: number
}

export type LinkOutcomeCode = 'ok' | 'broken' | 'needs_person' | 'soft_404'

export interface EResourceLinkRunsTable {
  id: string
  library_id: string
  trigger: 'schedule' | 'manual'
  scope: Generated<'all' | 'failing'>
  slot: ColumnType<string | null, string | null | undefined, string | null>
  started_by: ColumnType<string | null, string | null | undefined, string | null>
  started_at: Timestamp
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  status: Generated<'running' | 'done' | 'failed'>
  resources: Generated<number>
  urls: Generated<number>
  ok: Generated<number>
  broken: Generated<number>
  needs_person: Generated<number>
  soft_404: Generated<number>
  flagged: Generated<number>
}

export interface EResourceLinkChecksTable {
  id: string
  library_id: string
  resource_id: string
  run_id: string | null
  url: string
  checked_at: ColumnType<Date, Date | string, Date | string>
  outcome: LinkOutcomeCode
  reason: string
  message_zh: string
  message_en: string
  status_code: number | null
  final_url: string | null
  redirects: number
  ms: number
}

export interface EResourceLinkStatesTable {
  resource_id: string
  library_id: string
  last_checked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  last_outcome: LinkOutcomeCode | null
  consecutive_failures: Generated<number>
  flagged_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  dismissed_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  dismissed_by: ColumnType<string | null, string | null | undefined, string | null>
  dismissed_note: ColumnType<string | null, string | null | undefined, string | null>
}

export interface CatalogueImportsTable {
  id: string
  library_id: string
  file_name: string
  status: 'previewed' | 'applied' | 'discarded'
  rows_total: number
  rows_valid: number
  problems: ColumnType<unknown, string, string>
  /** The valid rows, kept until applied or discarded. */
  staged: ColumnType<unknown, string | null, string | null>
  created_by: string
  created_at: Timestamp
  applied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  added: number | null
  updated: number | null
}

export interface SimilarityCheckBatchesTable {
  id: string
  library_id: string
  name: string
  degree: 'doctor' | 'master' | 'bachelor'
  origin: 'received' | 'library'
  source: string | null
  service: 'cnki_tmlc' | 'wanfang' | 'vip' | 'paperpass' | 'other'
  service_note: string | null
  /** Pass line in hundredths of a percent: 1000 is 10.00 %. */
  threshold_bp: number
  due_date: string | null
  notes: string | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type ThesisStatusCode = 'waiting' | 'submitted' | 'checked' | 'returned' | 'withdrawn'

export interface SimilarityCheckThesesTable {
  id: string
  library_id: string
  batch_id: string
  reader_number: string
  /** The reader's account when one with this reader number exists in the library. */
  account_id: string | null
  author_name: string
  title: string
  supervisor: string | null
  department_id: string | null
  department_name: string | null
  major: string | null
  degree: 'doctor' | 'master' | 'bachelor'
  thesis_file_id: string | null
  status: ThesisStatusCode
  attempt: Generated<number>
  /** Similarity in hundredths of a percent; set exactly when checked. */
  similarity_bp: number | null
  report_file_id: string | null
  reason: string | null
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  checked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SimilarityCheckEventsTable {
  id: string
  thesis_id: string
  library_id: string
  at: Timestamp
  actor_id: string | null
  action: string
  from_status: ThesisStatusCode | null
  to_status: ThesisStatusCode
  attempt: number
  similarity_bp: number | null
  report_file_id: string | null
  note: string | null
}

export interface CourseTermsTable {
  id: string
  library_id: string
  code: string
  name_zh: string
  name_en: string
  /** 'YYYY-MM-DD'. */
  starts_on: string
  ends_on: string
  is_current: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CoursesTable {
  id: string
  library_id: string
  term_id: string
  code: string
  name_zh: string
  name_en: string | null
  category: 'public_basic' | 'major_basic' | 'major_elective' | 'major_frontier' | 'other' | null
  department_id: string | null
  department_name: string | null
  campuses: ColumnType<string[], string[] | undefined, string[]>
  class_names: ColumnType<string[], string[] | undefined, string[]>
  headcount: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CourseTeachersTable {
  id: string
  library_id: string
  course_id: string
  name: string
  staff_number: string | null
  account_id: string | null
  linked_by_staff: Generated<boolean>
  position: number
  created_at: Timestamp
}

export interface CourseEnrolmentsTable {
  course_id: string
  library_id: string
  student_number: string
  account_id: string | null
  created_at: Timestamp
}

export interface LoanRulesTable {
  id: string
  library_id: string
  reader_type: 'student' | 'teacher' | 'staff'
  /** Null: every material type without a rule of its own. */
  material_type: string | null
  loan_days: number
  item_limit: number
  renewal_limit: number
  renewal_days: number
  renew_overdue: boolean
  fine_per_day_fen: number
  updated_at: Timestamp
  updated_by: string | null
}

export interface QuarantinePeriodsTable {
  id: string
  library_id: string
  /** Null: every material type without a period of its own. */
  material_type: string | null
  hours: number
  updated_at: Timestamp
  updated_by: string | null
}

export interface LoansTable {
  id: string
  library_id: string
  item_id: string
  reader_id: string
  checked_out_at: ColumnType<Date, Date | string, Date | string>
  due_at: ColumnType<Date, Date | string, Date | string>
  renewals: Generated<number>
  returned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** Null when the loan came from an import of the old system. */
  checked_out_by: string | null
  returned_by: ColumnType<string | null, string | null | undefined, string | null>
  import_id: ColumnType<string | null, string | null | undefined, string | null>
}

export interface FinesTable {
  id: string
  library_id: string
  reader_id: string
  loan_id: string | null
  amount_fen: number
  kind: 'overdue' | 'imported'
  overdue_days: number | null
  note: string | null
  status: Generated<'open' | 'paid' | 'waived'>
  created_at: Timestamp
  settled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  settled_by: ColumnType<string | null, string | null | undefined, string | null>
  import_id: ColumnType<string | null, string | null | undefined, string | null>
}

export interface CirculationImportsTable {
  id: string
  library_id: string
  kind: 'loans' | 'fines'
  file_name: string
  status: 'previewed' | 'applied' | 'discarded'
  rows_total: number
  rows_valid: number
  problems: ColumnType<unknown, string, string>
  /** The rows to store, kept until applied or discarded. */
  staged: ColumnType<unknown, string | null, string | null>
  created_by: string
  created_at: Timestamp
  applied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  added: number | null
}

/** A topic queue of a library's online reference desk (参考咨询, 荐购, 文献服务). */
export interface ReferenceQueuesTable {
  id: string
  library_id: string
  code: string
  name_zh: string
  name_en: string
  allow_guests: Generated<boolean>
  /** `claim`: librarians on duty take waiting chats; `auto`: the least busy one under their limit gets it. */
  assignment: Generated<'claim' | 'auto'>
  position: Generated<number>
  active: Generated<boolean>
  created_by: string | null
  updated_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** An FAQ article of a library's reference desk (常见问题), filed under a topic queue. */
export interface ReferenceFaqTable {
  id: string
  library_id: string
  queue_id: string | null
  question_zh: string
  answer_zh: string
  question_en: string | null
  answer_en: string | null
  visibility: Generated<'public' | 'staff'>
  status: Generated<'draft' | 'published'>
  position: Generated<number>
  /** The article's words, segmented; `search_doc` is generated from it. */
  search_text: Generated<string>
  search_doc: ColumnType<string, never, never>
  created_by: string | null
  updated_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** A librarian's settings at the desk; without a row the defaults apply. */
export interface ReferenceLibrariansTable {
  account_id: string
  library_id: string
  chat_limit: Generated<number>
  updated_at: Timestamp
}

/** Who is on duty (上岗) for which queue; the one place going on and off duty is recorded. */
export interface ReferenceDutyTable {
  queue_id: string
  account_id: string
  library_id: string
  since: Timestamp
  source: Generated<'manual' | 'roster'>
}

export interface ReferenceGuestsTable {
  id: string
  library_id: string
  nickname: string
  created_at: Timestamp
}

export interface ReferenceDeskKeysTable {
  library_id: string
  secret: string
  created_at: Timestamp
}

export interface ReferenceConversationsTable {
  id: string
  library_id: string
  queue_id: string
  /** Exactly one of reader_id and guest_id is set. */
  reader_id: string | null
  guest_id: string | null
  status: Generated<'waiting' | 'active' | 'closed'>
  assignee_id: string | null
  /** The sequence number of the chat's newest message. */
  last_seq: Generated<number>
  reader_read_seq: Generated<number>
  staff_read_seq: Generated<number>
  created_at: Timestamp
  assigned_at: Date | null
  first_answer_at: Date | null
  closed_at: Date | null
  closed_by: 'reader' | 'staff' | null
  updated_at: Timestamp
}

export interface ReferenceMessagesTable {
  id: string
  conversation_id: string
  library_id: string
  seq: number
  /** `note`: an internal note readers never see; `event`: what happened (claimed, transferred, closed). */
  kind: 'text' | 'note' | 'event'
  author_account_id: string | null
  author_guest_id: string | null
  body: string | null
  event: string | null
  event_data: ColumnType<Record<string, unknown> | null, string | null, string | null>
  client_message_id: string | null
  sent_at: Timestamp
}

export interface CourseTitlesTable {
  id: string
  library_id: string
  term_id: string
  isbn13: string | null
  title: string | null
  title_key: Generated<string>
  author: string | null
  author_key: Generated<string>
  publisher: string | null
  edition: string | null
  status: ColumnType<CourseTitleStatus, CourseTitleStatus | undefined, CourseTitleStatus>
  channel: 'owned_platform' | 'publisher_supplied' | 'digitised' | 'open_access' | null
  link_url: string | null
  link_platform: string | null
  matched_at: Date | null
  matched_by: string | null
  published_at: Date | null
  unavailable_reason: string | null
  created_at: Timestamp
  updated_at: Timestamp
  /** Who works on the title (a subject librarian of its courses' department unless reassigned). */
  assignee_id: Generated<string | null>
  /** The publisher linked by hand; else the one whose folded name equals publisher_key(publisher). */
  publisher_id: Generated<string | null>
}

export type CourseTitleStatus =
  | 'requested'
  | 'searching'
  | 'publisher_contacted'
  | 'obtained'
  | 'digitising'
  | 'published'
  | 'unavailable'

export interface CourseTitleRequestsTable {
  id: string
  library_id: string
  course_id: string
  title_id: string
  source: 'teacher' | 'staff' | 'import'
  requested_by: string | null
  created_at: Timestamp
}

export interface EHoldingPlatformsTable {
  id: string
  library_id: string
  name: string
  open_access: Generated<boolean>
  title_count: Generated<number>
  file_name: string | null
  imported_at: Date | null
  imported_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface EHoldingsTable {
  id: string
  library_id: string
  platform_id: string
  title: string
  title_key: string
  author: string | null
  author_key: Generated<string>
  publisher: string | null
  print_identifier: string | null
  online_identifier: string | null
  print_isbn13: string | null
  online_isbn13: string | null
  title_url: string | null
  publication_type: string | null
  edition: string | null
  free: Generated<boolean>
}

export interface CourseTitleMatchesTable {
  id: string
  library_id: string
  title_id: string
  platform_id: string
  matched_by: 'isbn' | 'title_author' | 'title'
  title: string
  author: string | null
  publisher: string | null
  isbn13: string | null
  url: string
  free: Generated<boolean>
  state: ColumnType<
    'proposed' | 'accepted' | 'rejected',
    'proposed' | 'accepted' | 'rejected' | undefined,
    'proposed' | 'accepted' | 'rejected'
  >
  decided_by: string | null
  decided_at: Date | null
  created_at: Timestamp
}

export interface OperatingPhasesTable {
  id: string
  library_id: string
  position: number
  name_zh: string
  name_en: string
  notice_zh: Generated<string>
  notice_en: Generated<string>
  services: Json
  measures: Json
  created_at: Timestamp
  updated_at: Timestamp
}

export interface PhaseSwitchesTable {
  id: string
  library_id: string
  from_phase_id: string | null
  to_phase_id: string | null
  from_name_zh: string | null
  from_name_en: string | null
  to_name_zh: string
  to_name_en: string
  from_since: Date | null
  from_switch_id: string | null
  effects: Json
  switched_by: string | null
  switched_at: Date
  undone_by: string | null
  undone_at: Date | null
  undo_report: Json | null
}

export interface LibraryOperatingStatesTable {
  library_id: string
  phase_id: string | null
  switch_id: string | null
  since: Date | null
  phases_updated_at: Date | null
}

/** A title's history: a status change (from → to) or a reassignment, who made it and when. */
export interface CourseTitleEventsTable {
  id: string
  library_id: string
  title_id: string
  at: Timestamp
  actor_id: string | null
  kind: 'status' | 'assigned'
  from_status: CourseTitleStatus | null
  to_status: CourseTitleStatus | null
  channel: string | null
  assignee_id: string | null
  note: string | null
}

export interface CoursePublishersTable {
  id: string
  library_id: string
  name: string
  /** publisher_key(name): folded, so 清华大学出版社 and 清华大学出版社有限公司 are one. */
  name_key: string
  contact_person: string | null
  email: string | null
  phone: string | null
  note: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type PublisherContactKind = 'contacted' | 'replied' | 'agreed' | 'supplied' | 'refused'

export interface CoursePublisherContactsTable {
  id: string
  library_id: string
  publisher_id: string
  kind: PublisherContactKind
  on_date: string
  note: string | null
  created_by: string | null
  created_at: Timestamp
}

export interface CoursePublisherContactTitlesTable {
  contact_id: string
  title_id: string
}

/** A term's 保障率 target: the share of its courses with requests the library aims to have fully published. */
export interface CourseCoverageTargetsTable {
  term_id: string
  library_id: string
  target_percent: number
  updated_by: string | null
  updated_at: Timestamp
}

export type ReserveItemPermission = 'not_needed' | 'requested' | 'granted' | 'refused'
export type ReserveItemReview = 'pending' | 'approved' | 'rejected'

export interface CourseReserveItemsTable {
  id: string
  library_id: string
  course_id: string
  title_id: string | null
  kind: 'link' | 'file'
  name: string
  note: string | null
  link_url: string | null
  file_id: string | null
  downloadable: Generated<boolean>
  seat_limit: number | null
  seat_minutes: Generated<number>
  pages_used: number | null
  pages_total: number | null
  permission: ColumnType<ReserveItemPermission, ReserveItemPermission | undefined, ReserveItemPermission>
  permission_source: string | null
  publish_channel: 'owned_platform' | 'publisher_supplied' | 'digitised' | 'open_access' | null
  review_status: ReserveItemReview
  rejected_reason: string | null
  reviewed_by: string | null
  reviewed_at: Date | null
  added_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CourseReservePermalinksTable {
  code: string
  library_id: string
  course_id: string
  item_id: string | null
}

export interface CourseReserveSeatsTable {
  item_id: string
  account_id: string
  held_until: Date
}

export interface CourseReserveOpeningsTable {
  item_id: string
  library_id: string
  day: ColumnType<string, string, string>
  openings: number
}

export interface CourseReserveSettingsTable {
  library_id: string
  share_limit_percent: Generated<number>
  updated_at: Timestamp
}

/** A place readers collect items by appointment: its opening windows and how slots are cut. */
export interface PickupPointsTable {
  id: string
  library_id: string
  name_zh: string
  name_en: string
  /** Opening windows: `[{ weekday: 1–7 (Monday 1), opens: 'HH:mm', closes: 'HH:mm' }]`. */
  windows: ColumnType<PickupWindow[], string, string>
  slot_minutes: number
  readers_per_slot: number
  lead_minutes: number
  days_ahead: number
  /** Open days a found item is held for the reader. */
  hold_days: number
  active: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
  updated_by: string | null
}

export interface PickupWindow {
  weekday: number
  opens: string
  closes: string
}

export interface BorrowRequestsTable {
  id: string
  library_id: string
  reader_id: string
  pickup_point_id: string
  channel: 'online' | 'phone'
  note: string | null
  created_by: string
  created_at: Timestamp
}

export type BorrowLineStatus = 'requested' | 'found' | 'not_found' | 'handed_over' | 'expired'

export interface BorrowRequestLinesTable {
  id: string
  library_id: string
  request_id: string
  reader_id: string
  pickup_point_id: string
  item_id: string
  status: BorrowLineStatus
  hold_until: ColumnType<Date | null, Date | null | undefined, Date | null>
  loan_id: ColumnType<string | null, string | null | undefined, string | null>
  marked_by: ColumnType<string | null, string | null | undefined, string | null>
  marked_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}

export interface PickupSlotsTable {
  id: string
  library_id: string
  pickup_point_id: string
  starts_at: ColumnType<Date, Date, Date>
  booked: Generated<number>
}

export type PickupBookingStatus = 'booked' | 'handed_over' | 'no_show' | 'cancelled'

export interface PickupBookingsTable {
  id: string
  library_id: string
  pickup_point_id: string
  reader_id: string
  starts_at: ColumnType<Date, Date, Date>
  ends_at: ColumnType<Date, Date, Date>
  code: string
  status: PickupBookingStatus
  staged_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface DB {
  files: FilesTable
  consortia: ConsortiaTable
  libraries: LibrariesTable
  library_calendar_days: LibraryCalendarDaysTable
  departments: DepartmentsTable
  accounts: AccountsTable
  account_roles: AccountRolesTable
  subject_assignments: SubjectAssignmentsTable
  sessions: SessionsTable
  sign_in_failures: SignInFailuresTable
  oidc_providers: OidcProvidersTable
  oidc_logins: OidcLoginsTable
  account_identities: AccountIdentitiesTable
  audit_events: AuditEventsTable
  requests: RequestsTable
  request_events: RequestEventsTable
  request_counters: RequestCountersTable
  request_fee_waivers: RequestFeeWaiversTable
  reply_templates: ReplyTemplatesTable
  notice_channels: NoticeChannelsTable
  notice_outbox: NoticeOutboxTable
  request_confirmations: RequestConfirmationsTable
  request_teams: RequestTeamsTable
  catalogue_items: CatalogueItemsTable
  catalogue_imports: CatalogueImportsTable
  similarity_check_batches: SimilarityCheckBatchesTable
  similarity_check_theses: SimilarityCheckThesesTable
  similarity_check_events: SimilarityCheckEventsTable
  e_resources: EResourcesTable
  e_resource_routes: EResourceRoutesTable
  e_resource_words: EResourceWordsTable
  resource_guides: ResourceGuidesTable
  library_disciplines: LibraryDisciplinesTable
  resource_guide_items: ResourceGuideItemsTable
  resource_guide_visits: ResourceGuideVisitsTable
  e_resource_access_tests: EResourceAccessTestsTable
  library_access_settings: LibraryAccessSettingsTable
  access_platforms: AccessPlatformsTable
  e_resource_clicks: EResourceClicksTable
  e_resource_link_runs: EResourceLinkRunsTable
  e_resource_link_checks: EResourceLinkChecksTable
  e_resource_link_states: EResourceLinkStatesTable
  course_terms: CourseTermsTable
  courses: CoursesTable
  course_teachers: CourseTeachersTable
  course_enrolments: CourseEnrolmentsTable
  loan_rules: LoanRulesTable
  loans: LoansTable
  fines: FinesTable
  circulation_imports: CirculationImportsTable
  quarantine_periods: QuarantinePeriodsTable
  reference_queues: ReferenceQueuesTable
  reference_faq: ReferenceFaqTable
  reference_librarians: ReferenceLibrariansTable
  reference_duty: ReferenceDutyTable
  reference_guests: ReferenceGuestsTable
  reference_desk_keys: ReferenceDeskKeysTable
  reference_conversations: ReferenceConversationsTable
  reference_messages: ReferenceMessagesTable
  reference_ticket_settings: ReferenceTicketSettingsTable
  reference_tickets: ReferenceTicketsTable
  reference_ticket_posts: ReferenceTicketPostsTable
  reference_transcripts: ReferenceTranscriptsTable
  course_titles: CourseTitlesTable
  course_title_requests: CourseTitleRequestsTable
  e_holding_platforms: EHoldingPlatformsTable
  e_holdings: EHoldingsTable
  course_title_matches: CourseTitleMatchesTable
  operating_phases: OperatingPhasesTable
  phase_switches: PhaseSwitchesTable
  library_operating_states: LibraryOperatingStatesTable
  closure_batches: ClosureBatchesTable
  closure_batch_loans: ClosureBatchLoansTable
  closure_batch_fines: ClosureBatchFinesTable
  loan_limit_raises: LoanLimitRaisesTable
  reference_ratings: ReferenceRatingsTable
  reference_widget_settings: ReferenceWidgetSettingsTable
  reference_guest_uploads: ReferenceGuestUploadsTable
  reference_shifts: ReferenceShiftsTable
  reference_roster_applied: ReferenceRosterAppliedTable
  reference_subject_librarians: ReferenceSubjectLibrariansTable
  reference_conversation_subjects: ReferenceConversationSubjectsTable
  reference_canned_replies: ReferenceCannedRepliesTable
  course_title_events: CourseTitleEventsTable
  course_publishers: CoursePublishersTable
  course_publisher_contacts: CoursePublisherContactsTable
  course_publisher_contact_titles: CoursePublisherContactTitlesTable
  course_coverage_targets: CourseCoverageTargetsTable
  course_reserve_items: CourseReserveItemsTable
  course_reserve_permalinks: CourseReservePermalinksTable
  course_reserve_seats: CourseReserveSeatsTable
  course_reserve_openings: CourseReserveOpeningsTable
  course_reserve_settings: CourseReserveSettingsTable
  pickup_points: PickupPointsTable
  borrow_requests: BorrowRequestsTable
  borrow_request_lines: BorrowRequestLinesTable
  pickup_slots: PickupSlotsTable
  pickup_bookings: PickupBookingsTable
}

/** A reader's rating of a closed chat (1–5, an optional comment); one per chat. */
export interface ReferenceRatingsTable {
  conversation_id: string
  library_id: string
  queue_id: string
  score: number
  comment: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** The sites (origins) that may show a library's /ask page in a frame: the desk widget's hosts. */
export interface ReferenceWidgetSettingsTable {
  library_id: string
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>
  updated_by: string | null
  updated_at: Timestamp
}

export type AccountRow = Selectable<AccountsTable>
export type NewAccount = Insertable<AccountsTable>
export type AccountChange = Updateable<AccountsTable>
export type LibraryRow = Selectable<LibrariesTable>
export type OidcProviderRow = Selectable<OidcProvidersTable>

/** A closure measure applied to many loans or fines at once, which can be undone. */
export interface ClosureBatchesTable {
  id: string
  library_id: string
  kind: 'due_dates' | 'return_spread' | 'fine_waiver'
  /** The filter and the change as asked. */
  request: ColumnType<unknown, string, string>
  reason: string | null
  affected: number
  created_by: string
  created_at: ColumnType<Date, Date | string, Date | string>
  undone_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  undone_by: ColumnType<string | null, string | null | undefined, string | null>
  undo_result: ColumnType<unknown, string | null | undefined, string | null>
}

/** A loan's due date before and after a batch changed it. */
export interface ClosureBatchLoansTable {
  batch_id: string
  loan_id: string
  due_before: ColumnType<Date, Date | string, Date | string>
  due_after: ColumnType<Date, Date | string, Date | string>
}

/** A fine a batch waived, with the note it had before. */
export interface ClosureBatchFinesTable {
  batch_id: string
  fine_id: string
  note_before: string | null
}

/** A temporary raise of the item and renewal limits for a reader type (null: all), until `ends_at`. */
export interface LoanLimitRaisesTable {
  id: string
  library_id: string
  reader_type: 'student' | 'teacher' | 'staff' | null
  extra_items: number
  extra_renewals: number
  ends_at: ColumnType<Date, Date | string, Date | string>
  note: string | null
  created_by: string
  created_at: ColumnType<Date, Date | string, Date | string>
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  ended_by: ColumnType<string | null, string | null | undefined, string | null>
}

/** A shift of the desk's duty roster: one librarian in one queue, times of day in the library's zone. */
export interface ReferenceGuestUploadsTable {
  file_id: string
  guest_id: string
  conversation_id: string
  created_at: Timestamp
}

export interface ReferenceShiftsTable {
  id: string
  library_id: string
  queue_id: string
  account_id: string
  /** The duty lead (值班长) of the shift. */
  lead_id: string | null
  /** 'YYYY-MM-DD': the first day (DTSTART). */
  starts_on: string
  /** 'HH:MM'; the end is later the same day ('24:00' is midnight). */
  start_time: string
  end_time: string
  /** An RFC 5545 RRULE (without DTSTART); none for a single shift. */
  rrule: string | null
  /** 'YYYY-MM-DD' days the shift does not happen (exceptions). */
  skipped_days: ColumnType<string[], string[] | undefined, string[]>
  note: string | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** Occurrences of shifts the roster has put on duty already. */
export interface ReferenceRosterAppliedTable {
  shift_id: string
  starts_at: Timestamp
}

/** A subject librarian of the desk for one discipline code of the library's list. */
export interface ReferenceSubjectLibrariansTable {
  library_id: string
  account_id: string
  discipline: string
}

/** A chat's subject: the discipline a reader picked or their department, and who it was routed to. */
export interface ReferenceConversationSubjectsTable {
  conversation_id: string
  discipline: string | null
  department_id: string | null
  routed_to: string | null
}

/** A canned reply (快捷回复): library-wide without an owner, personal with one. */
export interface ReferenceCannedRepliesTable {
  id: string
  library_id: string
  owner_id: string | null
  code: string
  title: string
  body: string
  created_at: Timestamp
  updated_at: Timestamp
}

/** A library's ticket settings: how long a chat may wait unanswered, and the last ticket number. */
export interface ReferenceTicketSettingsTable {
  library_id: string
  chat_wait_minutes: Generated<number>
  last_number: Generated<number>
  updated_at: Timestamp
}

/** A question answered over time (留言咨询): from an unanswered chat, the web form or a phone call. */
export interface ReferenceTicketsTable {
  id: string
  library_id: string
  /** Counted per library from 1. */
  number: number
  queue_id: string
  status: Generated<'new' | 'open' | 'pending' | 'closed'>
  source: 'chat' | 'web' | 'phone'
  /** A signed-in reader's, or else a guest's name (with an e-mail address for answers). */
  reader_id: string | null
  guest_name: string | null
  guest_email: string | null
  guest_language: 'zh-CN' | 'en' | null
  phone: string | null
  subject: string
  assignee_id: string | null
  conversation_id: string | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
  first_reply_at: Date | null
  closed_at: Date | null
  search_text: Generated<string>
  search_doc: ColumnType<string, never, never>
}

/** One entry of a ticket's thread: a reply (reader or staff), an internal note, or an event. */
export interface ReferenceTicketPostsTable {
  id: string
  ticket_id: string
  kind: 'reply' | 'note' | 'event'
  side: 'reader' | 'staff' | null
  author_id: string | null
  body: string | null
  event: string | null
  event_data: ColumnType<Record<string, unknown> | null, string | null, string | null>
  created_at: Timestamp
}

/** An ended chat's words, segmented for staff search. */
export interface ReferenceTranscriptsTable {
  conversation_id: string
  library_id: string
  search_text: string
  search_doc: ColumnType<string, never, never>
  indexed_at: Timestamp
}
