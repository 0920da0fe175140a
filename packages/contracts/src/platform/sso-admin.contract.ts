import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText } from '../common/text.ts'

export const OidcProvider = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  label: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  /** Claim holding the reader number (学工号), e.g. `sub` or `employeeNumber`. */
  readerNumberClaim: z.string(),
  nameClaim: z.string(),
  createAccounts: z.boolean(),
  enabled: z.boolean(),
})

const claimName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9_:.-]+$/)

// No defaults here: a field left out of a change must stay as it is.
export const OidcProviderChange = z.strictObject({
  label: nameText(60).optional(),
  issuer: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional(),
  clientId: z.string().trim().min(1).max(200).optional(),
  /** Leave out to keep the stored secret. */
  clientSecret: z.string().min(1).max(500).optional(),
  readerNumberClaim: claimName.optional(),
  nameClaim: claimName.optional(),
  createAccounts: z.boolean().optional(),
  enabled: z.boolean().optional(),
})

export const OidcProviderInput = OidcProviderChange.extend({
  label: nameText(60),
  issuer: z.url({ protocol: /^https?$/ }).max(300),
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().min(1).max(500),
  readerNumberClaim: claimName.default('sub'),
  nameClaim: claimName.default('name'),
  createAccounts: z.boolean().default(true),
  enabled: z.boolean().default(true),
})

const LibraryParams = z.object({ libraryId: IdSchema })

export const listOidcProviders = defineRoute({
  method: 'GET',
  path: '/api/libraries/:libraryId/oidc-providers',
  tag: 'sso',
  summary: 'OpenID Connect campus sign-in settings of a library',
  access: ['library_admin', 'consortium_admin'],
  params: LibraryParams,
  response: z.object({ items: z.array(OidcProvider) }),
})

export const saveOidcProvider = defineRoute({
  method: 'POST',
  path: '/api/libraries/:libraryId/oidc-providers',
  tag: 'sso',
  summary: 'Add an OpenID Connect campus sign-in',
  access: ['library_admin', 'consortium_admin'],
  params: LibraryParams,
  body: OidcProviderInput,
  response: OidcProvider,
  status: 201,
})

export const updateOidcProvider = defineRoute({
  method: 'PATCH',
  path: '/api/libraries/:libraryId/oidc-providers/:providerId',
  tag: 'sso',
  summary: 'Change an OpenID Connect campus sign-in',
  access: ['library_admin', 'consortium_admin'],
  params: LibraryParams.extend({ providerId: IdSchema }),
  body: OidcProviderChange,
  response: OidcProvider,
})
