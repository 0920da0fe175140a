import type { ssoAdmin } from '@shuqiao/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { OidcProviderRow } from '../../db/schema.ts'
import { type Caller, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../audit/audit.service.ts'

/** Settings as shown to admins: the client secret never leaves the server. */
const presentProvider = (row: OidcProviderRow) => ({
  id: row.id,
  libraryId: row.library_id,
  label: row.label,
  issuer: row.issuer,
  clientId: row.client_id,
  hasClientSecret: row.client_secret.length > 0,
  readerNumberClaim: row.reader_number_claim,
  nameClaim: row.name_claim,
  createAccounts: row.create_accounts,
  enabled: row.enabled,
})

export const createSsoAdminService = (ctx: AppContext) => {
  const { db } = ctx

  const checkLibrary = async (caller: Caller, libraryId: string) => {
    const library = await db
      .selectFrom('libraries')
      .select('id')
      .where('id', '=', libraryId)
      .where('consortium_id', '=', caller.consortiumId)
      .executeTakeFirst()
    if (!library || !scopeIncludes(scopeOf(caller), libraryId)) throw new ProblemError('not_found')
  }

  return {
    async list(caller: Caller, libraryId: string) {
      await checkLibrary(caller, libraryId)
      const rows = await db
        .selectFrom('oidc_providers')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('label')
        .execute()
      return { items: rows.map(presentProvider) }
    },

    async create(
      caller: Caller,
      requestId: string,
      libraryId: string,
      input: z.output<typeof ssoAdmin.OidcProviderInput>,
    ) {
      await checkLibrary(caller, libraryId)
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('oidc_providers')
          .values({
            id: uuidv7(),
            library_id: libraryId,
            label: input.label,
            issuer: input.issuer,
            client_id: input.clientId,
            client_secret: input.clientSecret,
            reader_number_claim: input.readerNumberClaim,
            name_claim: input.nameClaim,
            create_accounts: input.createAccounts,
            enabled: input.enabled,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        const after = presentProvider(row)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'sso.oidc.create',
          entityType: 'oidc_provider',
          entityId: row.id,
          entityLabel: input.label,
          before: null,
          after,
        })
        return after
      })
    },

    async update(
      caller: Caller,
      requestId: string,
      libraryId: string,
      providerId: string,
      change: z.output<typeof ssoAdmin.OidcProviderChange>,
    ) {
      await checkLibrary(caller, libraryId)
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('oidc_providers')
          .selectAll()
          .where('id', '=', providerId)
          .where('library_id', '=', libraryId)
          .executeTakeFirst()
        if (!current) throw new ProblemError('not_found')
        const row = await trx
          .updateTable('oidc_providers')
          .set({
            ...(change.label !== undefined ? { label: change.label } : {}),
            ...(change.issuer !== undefined ? { issuer: change.issuer } : {}),
            ...(change.clientId !== undefined ? { client_id: change.clientId } : {}),
            ...(change.clientSecret !== undefined ? { client_secret: change.clientSecret } : {}),
            ...(change.readerNumberClaim !== undefined
              ? { reader_number_claim: change.readerNumberClaim }
              : {}),
            ...(change.nameClaim !== undefined ? { name_claim: change.nameClaim } : {}),
            ...(change.createAccounts !== undefined ? { create_accounts: change.createAccounts } : {}),
            ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
            updated_at: ctx.now(),
          })
          .where('id', '=', providerId)
          .returningAll()
          .executeTakeFirstOrThrow()
        const after = presentProvider(row)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'sso.oidc.update',
          entityType: 'oidc_provider',
          entityId: providerId,
          entityLabel: row.label,
          before: { ...presentProvider(current), secretChanged: false },
          after: { ...after, secretChanged: change.clientSecret !== undefined },
        })
        return after
      })
    },
  }
}
