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

export interface DB {
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
}

export type AccountRow = Selectable<AccountsTable>
export type NewAccount = Insertable<AccountsTable>
export type AccountChange = Updateable<AccountsTable>
export type LibraryRow = Selectable<LibrariesTable>
export type OidcProviderRow = Selectable<OidcProvidersTable>
