import { z } from 'zod'

/** Roles held per library; `consortium_admin` is held at consortium level. */
export const ROLES = [
  'reader',
  'librarian',
  'subject_librarian',
  'library_admin',
  'consortium_admin',
] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/** Everyone who works at a library desk. */
export const STAFF_ROLES = [
  'librarian',
  'subject_librarian',
  'library_admin',
] as const satisfies readonly Role[]
export const ADMIN_ROLES = ['library_admin', 'consortium_admin'] as const satisfies readonly Role[]

export const READER_TYPES = ['student', 'teacher', 'staff'] as const
export const ReaderTypeSchema = z.enum(READER_TYPES)
export type ReaderType = z.infer<typeof ReaderTypeSchema>

export const LANGUAGES = ['zh-CN', 'en'] as const
export const LanguageSchema = z.enum(LANGUAGES)
export type Language = z.infer<typeof LanguageSchema>
