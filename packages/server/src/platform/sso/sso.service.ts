import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB, OidcProviderRow } from '../../db/schema.ts'
import { ProblemError } from '../../http/problem.ts'
import { client, oidcConfiguration } from './oidc-client.ts'

const LOGIN_TTL_MS = 10 * 60_000

/** Why a campus sign-in did not finish; shown on the sign-in page. */
export type SsoFailure = 'sso_failed' | 'account_disabled' | 'no_account'

const callbackUrl = (ctx: AppContext, request: FastifyRequest, providerId: string) => {
  const base = ctx.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`
  return new URL(`/api/sso/${providerId}/callback`, base).toString()
}

const findEnabledProvider = async (db: Kysely<DB>, providerId: string) => {
  const provider = await db
    .selectFrom('oidc_providers')
    .selectAll()
    .where('id', '=', providerId)
    .where('enabled', '=', true)
    .executeTakeFirst()
  if (!provider) throw new ProblemError('sso_not_configured')
  return provider
}

const claimText = (claims: Record<string, unknown>, name: string) => {
  const value = claims[name]
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined
}

export const createSsoService = (ctx: AppContext) => {
  const { db } = ctx

  /** Finds the account for a verified identity: linked before, same reader number, or new. */
  const accountFor = async (
    provider: OidcProviderRow,
    subject: string,
    claims: Record<string, unknown>,
  ): Promise<{ accountId: string } | { failure: SsoFailure }> =>
    db.transaction().execute(async (trx) => {
      const linked = await trx
        .selectFrom('account_identities as i')
        .innerJoin('accounts as a', 'a.id', 'i.account_id')
        .select(['a.id', 'a.status'])
        .where('i.provider_id', '=', provider.id)
        .where('i.subject', '=', subject)
        .executeTakeFirst()
      if (linked)
        return linked.status === 'active'
          ? { accountId: linked.id }
          : { failure: 'account_disabled' as const }

      const readerNumber = claimText(claims, provider.reader_number_claim)
      if (!readerNumber || !/^[A-Za-z0-9._-]{1,40}$/.test(readerNumber))
        return { failure: 'sso_failed' as const }
      const library = await trx
        .selectFrom('libraries')
        .select(['id', 'consortium_id'])
        .where('id', '=', provider.library_id)
        .executeTakeFirstOrThrow()
      const existing = await trx
        .selectFrom('accounts')
        .select(['id', 'status'])
        .where('library_id', '=', library.id)
        .where((eb) => eb(eb.fn('lower', ['reader_number']), '=', readerNumber.toLowerCase()))
        .executeTakeFirst()
      let accountId = existing?.id
      if (existing && existing.status !== 'active') return { failure: 'account_disabled' as const }
      if (!accountId) {
        if (!provider.create_accounts) return { failure: 'no_account' as const }
        accountId = uuidv7()
        const name = (claimText(claims, provider.name_claim) ?? readerNumber)
          .replace(/[<>\p{Cc}]/gu, '')
          .slice(0, 60)
        const email = claimText(claims, 'email')
        await trx
          .insertInto('accounts')
          .values({
            id: accountId,
            consortium_id: library.consortium_id,
            library_id: library.id,
            reader_number: readerNumber,
            name: name || readerNumber,
            type: 'student',
            department_id: null,
            email: email && email.length <= 254 && email.includes('@') ? email : null,
            phone: null,
            password_hash: null,
          })
          .execute()
        await trx.insertInto('account_roles').values({ account_id: accountId, role: 'reader' }).execute()
      }
      await trx
        .insertInto('account_identities')
        .values({ provider_id: provider.id, subject, account_id: accountId })
        .execute()
      return { accountId }
    })

  return {
    async listPublic(libraryId: string) {
      const rows = await db
        .selectFrom('oidc_providers')
        .select(['id', 'library_id', 'label'])
        .where('library_id', '=', libraryId)
        .where('enabled', '=', true)
        .orderBy('label')
        .execute()
      return { items: rows.map((row) => ({ id: row.id, libraryId: row.library_id, label: row.label })) }
    },

    /** Sends the browser to the campus identity provider with PKCE, state and nonce. */
    async start(
      request: FastifyRequest,
      reply: FastifyReply,
      providerId: string,
      returnTo: string | undefined,
    ) {
      const provider = await findEnabledProvider(db, providerId)
      let configuration: client.Configuration
      try {
        configuration = await oidcConfiguration(provider)
      } catch (error) {
        request.log.warn({ err: error, providerId }, 'OIDC discovery failed')
        throw new ProblemError('sso_failed')
      }
      const codeVerifier = client.randomPKCECodeVerifier()
      const state = client.randomState()
      const nonce = client.randomNonce()
      await db
        .deleteFrom('oidc_logins')
        .where('created_at', '<', new Date(ctx.now().getTime() - LOGIN_TTL_MS))
        .execute()
      await db
        .insertInto('oidc_logins')
        .values({
          state,
          provider_id: provider.id,
          code_verifier: codeVerifier,
          nonce,
          return_to: returnTo ?? null,
        })
        .execute()
      const url = client.buildAuthorizationUrl(configuration, {
        redirect_uri: callbackUrl(ctx, request, provider.id),
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      return reply.redirect(url.toString(), 302)
    },

    /** Finishes sign-in; any failure lands on the sign-in page with a reason, never a raw error. */
    async finish(
      request: FastifyRequest,
      reply: FastifyReply,
      providerId: string,
      query: Record<string, string>,
    ) {
      const fail = (reason: SsoFailure) => reply.redirect(`/sign-in?sso_error=${reason}`, 302)
      const state = query.state
      if (!state) return fail('sso_failed')
      const login = await db
        .deleteFrom('oidc_logins')
        .where('state', '=', state)
        .where('provider_id', '=', providerId)
        .returningAll()
        .executeTakeFirst()
      if (!login || ctx.now().getTime() - login.created_at.getTime() > LOGIN_TTL_MS) return fail('sso_failed')
      const provider = await findEnabledProvider(db, providerId)
      let claims: Record<string, unknown> | undefined
      try {
        const configuration = await oidcConfiguration(provider)
        const current = new URL(request.url, callbackUrl(ctx, request, provider.id))
        const tokens = await client.authorizationCodeGrant(configuration, current, {
          pkceCodeVerifier: login.code_verifier,
          expectedState: state,
          expectedNonce: login.nonce,
        })
        claims = tokens.claims() as Record<string, unknown> | undefined
        const idToken = claims
        const missing = [provider.reader_number_claim, provider.name_claim].some(
          (claim) => idToken && !claimText(idToken, claim),
        )
        if (claims && missing) {
          // Many campus providers put the 学工号 only in userinfo, not in the ID token.
          const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, String(claims.sub))
          claims = { ...userinfo, ...claims }
        }
      } catch (error) {
        request.log.warn({ err: error, providerId }, 'OIDC callback failed')
        return fail('sso_failed')
      }
      const subject = claims ? claimText(claims, 'sub') : undefined
      if (!claims || !subject) return fail('sso_failed')
      const outcome = await accountFor(provider, subject, claims)
      if ('failure' in outcome) return fail(outcome.failure)
      await ctx.sessions.startSession(request, reply, outcome.accountId, 'oidc')
      return reply.redirect(login.return_to ?? '/', 302)
    },
  }
}
