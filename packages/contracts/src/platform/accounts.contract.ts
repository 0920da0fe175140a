import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { ReaderTypeSchema, RoleSchema } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import {
  EmailSchema,
  IdSchema,
  nameText,
  PasswordSchema,
  PhoneSchema,
  ReaderNumberSchema,
} from '../common/text.ts'

export const AccountStatusSchema = z.enum(['active', 'disabled'])

export const Account = z.object({
  id: IdSchema,
  libraryId: IdSchema.nullable(),
  readerNumber: z.string(),
  name: z.string(),
  type: ReaderTypeSchema,
  departmentId: IdSchema.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: AccountStatusSchema,
  roles: z.array(RoleSchema),
  subjectDepartmentIds: z.array(IdSchema),
  createdAt: z.string(),
})
export type Account = z.infer<typeof Account>

const AccountParams = z.object({ accountId: IdSchema })

export const ListAccountsQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  libraryId: IdSchema.optional(),
  q: z.string().trim().max(100).optional(),
  role: RoleSchema.optional(),
  type: ReaderTypeSchema.optional(),
  status: AccountStatusSchema.optional(),
})

export const listAccounts = defineRoute({
  method: 'GET',
  path: '/api/accounts',
  tag: 'accounts',
  summary: 'Find accounts by reader number or name, role, type or status',
  access: ['library_admin', 'consortium_admin'],
  query: ListAccountsQuery,
  response: page(Account),
})

export const getAccount = defineRoute({
  method: 'GET',
  path: '/api/accounts/:accountId',
  tag: 'accounts',
  summary: 'One account',
  access: ['library_admin', 'consortium_admin'],
  params: AccountParams,
  response: Account,
})

export const CreateAccountBody = z.strictObject({
  /** Required for library admins' own library is implied; consortium admins name it. */
  libraryId: IdSchema.optional(),
  readerNumber: ReaderNumberSchema,
  name: nameText(60),
  type: ReaderTypeSchema,
  departmentId: IdSchema.nullable().optional(),
  email: EmailSchema.nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
  password: PasswordSchema,
  roles: z
    .array(RoleSchema.exclude(['consortium_admin']))
    .min(1)
    .max(4)
    .default(['reader']),
})

export const createAccount = defineRoute({
  method: 'POST',
  path: '/api/accounts',
  tag: 'accounts',
  summary: 'Create an account with a first password',
  access: ['library_admin', 'consortium_admin'],
  body: CreateAccountBody,
  response: Account,
  status: 201,
})

export const UpdateAccountBody = z.strictObject({
  name: nameText(60).optional(),
  type: ReaderTypeSchema.optional(),
  departmentId: IdSchema.nullable().optional(),
  email: EmailSchema.nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
  status: AccountStatusSchema.optional(),
})

export const updateAccount = defineRoute({
  method: 'PATCH',
  path: '/api/accounts/:accountId',
  tag: 'accounts',
  summary: 'Change an account’s details or disable it (disabling signs it out everywhere)',
  access: ['library_admin', 'consortium_admin'],
  params: AccountParams,
  body: UpdateAccountBody,
  response: Account,
})

export const SetRolesBody = z.strictObject({
  roles: z.array(RoleSchema.exclude(['consortium_admin'])).max(4),
  /** Departments a subject librarian serves (学科馆员对口院系). */
  subjectDepartmentIds: z.array(IdSchema).max(100).default([]),
})

export const setAccountRoles = defineRoute({
  method: 'PUT',
  path: '/api/accounts/:accountId/roles',
  tag: 'accounts',
  summary: 'Set an account’s roles and the departments a subject librarian serves',
  access: ['library_admin', 'consortium_admin'],
  params: AccountParams,
  body: SetRolesBody,
  response: Account,
})

export const resetAccountPassword = defineRoute({
  method: 'PUT',
  path: '/api/accounts/:accountId/password',
  tag: 'accounts',
  summary: 'Give an account a new password (signs it out everywhere)',
  access: ['library_admin', 'consortium_admin'],
  params: AccountParams,
  body: z.strictObject({ password: PasswordSchema }),
  status: 204,
})
