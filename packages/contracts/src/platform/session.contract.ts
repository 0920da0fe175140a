import { z } from 'zod'
import { LanguageSchema, ReaderTypeSchema, RoleSchema } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { EmailSchema, IdSchema, PasswordSchema, PhoneSchema, ReaderNumberSchema } from '../common/text.ts'

export const LibraryRef = z.object({ id: IdSchema, code: z.string(), nameZh: z.string(), nameEn: z.string() })

export const Me = z.object({
  id: IdSchema,
  readerNumber: z.string(),
  name: z.string(),
  type: ReaderTypeSchema,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  language: LanguageSchema,
  department: z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string() }).nullable(),
  library: LibraryRef.nullable(),
  consortium: z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string() }),
  roles: z.array(RoleSchema),
  subjectDepartmentIds: z.array(IdSchema),
  signedInVia: z.enum(['password', 'oidc']),
})
export type Me = z.infer<typeof Me>

export const SignInBody = z.strictObject({
  /** The library the reader belongs to; omit for a consortium-level account. */
  libraryId: IdSchema.optional(),
  readerNumber: ReaderNumberSchema,
  password: z.string().min(1).max(200),
})

export const signIn = defineRoute({
  method: 'POST',
  path: '/api/session',
  tag: 'session',
  summary: 'Sign in with reader number and password',
  access: 'public',
  body: SignInBody,
  response: Me,
})

export const signOut = defineRoute({
  method: 'DELETE',
  path: '/api/session',
  tag: 'session',
  summary: 'Sign out of this browser',
  access: 'public',
  status: 204,
})

export const signOutEverywhere = defineRoute({
  method: 'DELETE',
  path: '/api/sessions',
  tag: 'session',
  summary: 'Sign out on every device',
  access: 'signed_in',
  status: 204,
})

export const getMe = defineRoute({
  method: 'GET',
  path: '/api/me',
  tag: 'session',
  summary: 'The signed-in account',
  access: 'signed_in',
  response: Me,
})

export const UpdateMeBody = z.strictObject({
  language: LanguageSchema.optional(),
  email: EmailSchema.nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
})

export const updateMe = defineRoute({
  method: 'PATCH',
  path: '/api/me',
  tag: 'session',
  summary: 'Change my contact details or interface language',
  access: 'signed_in',
  body: UpdateMeBody,
  response: Me,
})

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
})

export const changePassword = defineRoute({
  method: 'PUT',
  path: '/api/me/password',
  tag: 'session',
  summary: 'Change my password (signs out my other devices)',
  access: 'signed_in',
  body: ChangePasswordBody,
  status: 204,
})

export const SsoProviderSummary = z.object({ id: IdSchema, libraryId: IdSchema, label: z.string() })

export const listSsoProviders = defineRoute({
  method: 'GET',
  path: '/api/sso/providers',
  tag: 'session',
  summary: 'Campus sign-in options of a library',
  access: 'public',
  query: z.object({ libraryId: IdSchema }),
  response: z.object({ items: z.array(SsoProviderSummary) }),
})

export const startSso = defineRoute({
  method: 'GET',
  path: '/api/sso/:providerId/start',
  tag: 'session',
  summary: 'Start campus sign-in (redirects to the identity provider)',
  access: 'public',
  params: z.object({ providerId: IdSchema }),
  query: z.object({
    returnTo: z
      .string()
      .max(300)
      .regex(/^\/(?!\/)/)
      .optional(),
  }),
  status: 302,
})

export const finishSso = defineRoute({
  method: 'GET',
  path: '/api/sso/:providerId/callback',
  tag: 'session',
  summary: 'Campus sign-in callback from the identity provider',
  access: 'public',
  params: z.object({ providerId: IdSchema }),
  query: z.record(z.string(), z.string().max(4000)),
  status: 302,
})
