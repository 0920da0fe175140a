import { type access, eResources, type RouteKind } from '@shuqiao/contracts'
import { sql } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, type LocalizedFieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import {
  accessRoutes,
  isValidCidr,
  placeholdersOf,
  type RouteSetting,
  targetOfProxied,
} from './access-links.ts'
import { loadAccessSettings, platformTemplates } from './e-resources.service.ts'

type Settings = z.output<typeof access.AccessSettings>
type PlatformInput = z.output<typeof access.putAccessPlatform.body>

const ownLibrary = (caller: Caller) => {
  if (!caller.libraryId) throw new ProblemError('forbidden')
  return caller.libraryId
}

/** Off-campus settings, platform templates and the link builder of the caller's library (R2). */
export const createAccessService = (ctx: AppContext) => {
  const { db } = ctx

  return {
    settings: async (caller: Caller) => {
      const { settings, updatedAt } = await loadAccessSettings(db, ownLibrary(caller))
      return { ...settings, updatedAt: updatedAt?.toISOString() ?? null }
    },

    saveSettings: async (caller: Caller, requestId: string, input: Settings) => {
      const libraryId = ownLibrary(caller)
      const errors: LocalizedFieldProblem[] = input.campusNetworks.flatMap((network, index) =>
        isValidCidr(network)
          ? []
          : [
              {
                path: `body.campusNetworks.${index}`,
                code: 'invalid_cidr',
                message: {
                  zh: `${network} 不是有效的网段，应写成 202.120.0.0/16 的形式`,
                  en: `${network} is not a network; write it as 202.120.0.0/16`,
                },
              },
            ],
      )
      if (input.webvpnHost && (!input.webvpnKey || !input.webvpnIv)) {
        errors.push({
          path: 'body.webvpnKey',
          code: 'required',
          message: { zh: 'WebVPN 需要密钥和 IV', en: 'The WebVPN needs its key and IV' },
        })
      }
      if (errors.length > 0) throw new ProblemError('validation_failed', { errors })
      const before = await loadAccessSettings(db, libraryId)
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('library_access_settings')
          .values({ library_id: libraryId, settings: JSON.stringify(input), updated_by: caller.accountId })
          .onConflict((conflict) =>
            conflict.column('library_id').doUpdateSet({
              settings: JSON.stringify(input),
              updated_by: caller.accountId,
              updated_at: new Date(),
            }),
          )
          .execute()
        // Keys and IVs are not secrets to readers (they are in every link), but stay out of the log.
        const logged = (settings: Settings) => ({ ...settings, webvpnKey: undefined, webvpnIv: undefined })
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'access_settings.updated',
          entityType: 'library',
          entityId: libraryId,
          entityLabel: 'access settings',
          before: logged(before.settings),
          after: logged(input),
        })
      })
      const saved = await loadAccessSettings(db, libraryId)
      return { ...saved.settings, updatedAt: saved.updatedAt?.toISOString() ?? null }
    },

    platforms: async (caller: Caller) => ({ items: await platformTemplates(db, ownLibrary(caller)) }),

    savePlatform: async (caller: Caller, requestId: string, code: string, input: PlatformInput) => {
      const libraryId = ownLibrary(caller)
      const template = eResources.WebUrl.safeParse(input.template.replace(/\{[^}]*\}/g, 'x'))
      if (!template.success) {
        throw fieldProblem(
          'body.template',
          'invalid_url',
          '模板须是 http(s) 链接',
          'The template must be an http(s) link',
        )
      }
      if (
        !placeholdersOf(input.template).includes('entityID') &&
        !/\{customerId\}|\{accountId\}/.test(input.template)
      ) {
        throw fieldProblem(
          'body.template',
          'missing_placeholder',
          '模板里要有 {entityID}（或平台要求的客户号如 {customerId}）',
          'The template needs {entityID} (or the customer id the platform asks for, e.g. {customerId})',
        )
      }
      const before = (await platformTemplates(db, libraryId)).find((platform) => platform.code === code)
      await db.transaction().execute(async (trx) => {
        const values = {
          name: input.name,
          template: input.template,
          confirmed: input.confirmed,
          hosts: input.hosts,
          soft404_phrases: input.soft404Phrases,
          login_phrases: input.loginPhrases,
          updated_at: new Date(),
        }
        await trx
          .insertInto('access_platforms')
          .values({ library_id: libraryId, code, ...values })
          .onConflict((conflict) => conflict.columns(['library_id', 'code']).doUpdateSet(values))
          .execute()
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: before ? 'access_platform.updated' : 'access_platform.created',
          entityType: 'access_platform',
          entityId: libraryId,
          entityLabel: code,
          before: before ?? null,
          after: { code, ...input },
        })
      })
      return (await platformTemplates(db, libraryId)).find((platform) => platform.code === code)!
    },

    /**
     * Off-campus links for pasted vendor URLs: the routes of the directory resource on the same
     * host (with the pasted deep link as target), or the library's general routes.
     */
    buildLinks: async (caller: Caller, urls: string[]) => {
      const libraryId = ownLibrary(caller)
      const [{ settings }, platforms] = await Promise.all([
        loadAccessSettings(db, libraryId),
        platformTemplates(db, libraryId),
      ])
      const en = caller.language === 'en'
      const parsed = urls.map((input) => {
        const trimmed = input.trim()
        const ok = eResources.WebUrl.safeParse(trimmed)
        if (!ok.success)
          return { input: trimmed, url: null, problem: en ? 'Not an http(s) address' : '不是 http(s) 网址' }
        // An address already through the proxy: build from the address inside it.
        const inside = targetOfProxied(settings, new URL(trimmed))
        if (inside === 'missing') {
          return {
            input: trimmed,
            url: null,
            problem: en
              ? 'This is the proxy’s sign-in address without the address it should open'
              : '这是代理服务器的登录地址，缺少要打开的目标网址',
          }
        }
        const target = inside ? eResources.WebUrl.safeParse(inside.target) : ok
        if (!target.success)
          return { input: trimmed, url: null, problem: en ? 'Not an http(s) address' : '不是 http(s) 网址' }
        return { input: trimmed, url: new URL(target.data), problem: null }
      })
      const hosts = [...new Set(parsed.flatMap((each) => (each.url ? [each.url.host] : [])))]
      const resources = hosts.length
        ? await db
            .selectFrom('e_resources as r')
            .select([
              'r.id',
              'r.name_zh',
              'r.name_en',
              'r.platform',
              sql<string>`split_part(r.url, '/', 3)`.as('host'),
            ])
            .where('r.library_id', '=', libraryId)
            .where('r.status', '=', 'published')
            .where(sql<boolean>`split_part(r.url, '/', 3) = any (${hosts})`)
            .orderBy('r.id')
            .execute()
        : []
      const routesByResource = new Map<string, RouteSetting[]>()
      if (resources.length) {
        const rows = await db
          .selectFrom('e_resource_routes')
          .selectAll()
          .where(
            'resource_id',
            'in',
            resources.map((resource) => resource.id),
          )
          .orderBy('position')
          .execute()
        for (const row of rows) {
          const list = routesByResource.get(row.resource_id) ?? []
          list.push({
            kind: row.kind as RouteKind,
            url: null,
            values: row.values,
            noteZh: row.note_zh,
            noteEn: row.note_en,
          })
          routesByResource.set(row.resource_id, list)
        }
      }
      const generalRoutes: RouteSetting[] = (['carsi', 'proxy', 'webvpn', 'openathens', 'vpn'] as const).map(
        (kind) => ({ kind, url: null, values: {}, noteZh: null, noteEn: null }),
      )
      const items = parsed.map(({ input, url, problem }) => {
        if (!url) return { input, problem, resource: null, links: [] }
        const resource = resources.find((each) => each.host === url.host)
        const platform = platforms.find(
          (each) => each.code === resource?.platform || each.hosts.includes(url.hostname),
        )
        const routes = resource ? (routesByResource.get(resource.id) ?? []) : generalRoutes
        return {
          input,
          problem: null,
          resource: resource ? { id: resource.id, nameZh: resource.name_zh, nameEn: resource.name_en } : null,
          links: accessRoutes(settings, { url: url.toString(), routes }, platform),
        }
      })
      return { items }
    },
  }
}
