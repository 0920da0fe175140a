import type { ezproxyImports } from '@shuqiao/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { rememberWords } from './e-resources.repository.ts'
import { parseEzproxyConfig } from './ezproxy/ezproxy-config.ts'
import { loadDirectoryMatcher } from './resource-matching.ts'
import { indexedColumnsOf, vocabularyOf } from './resource-names.ts'

type Import = z.output<typeof ezproxyImports.EzproxyImport>

/**
 * A library moving its proxy's stanzas into the directory (R2): each stanza becomes a draft
 * resource with a proxy route, or gives one the directory already has (same address or title)
 * its proxy route. A preview first; applying is all or nothing, and refused while the file has
 * errors, so a stanza is never half taken.
 */
export const createEzproxyImportService = (ctx: AppContext) => ({
  run: async (
    caller: Caller,
    requestId: string,
    file: { name: string; bytes: Uint8Array },
    apply: boolean,
  ): Promise<Import> => {
    const libraryId = caller.libraryId
    if (!libraryId) throw new ProblemError('forbidden')
    const preview = parseEzproxyConfig(file.bytes)
    const existingFor = await loadDirectoryMatcher(ctx.db, libraryId)
    const stanzas = preview.resources.map((stanza) => {
      const existing = stanza.url ? existingFor(stanza.url, stanza.title) : undefined
      return {
        line: stanza.line,
        title: stanza.title,
        url: stanza.url,
        hosts: stanza.hosts.map((host) => host.host),
        domains: stanza.domains.map((domain) => domain.domain),
        action:
          stanza.hasErrors || !stanza.url
            ? ('skip' as const)
            : existing
              ? ('update' as const)
              : ('create' as const),
        existing: existing ? { id: existing.id, nameZh: existing.name_zh } : null,
      }
    })
    const result: Import = {
      fileName: file.name,
      encoding: preview.encoding,
      lines: preview.lineCount,
      stanzas,
      problems: preview.problems.map(({ line, code, severity, message }) => ({
        line,
        code,
        severity,
        message,
      })),
      skipped: preview.skipped,
      includeFiles: preview.includeFiles,
      applied: false,
      created: 0,
      updated: 0,
    }
    if (!apply) return result
    const errors = result.problems.filter((problem) => problem.severity === 'error')
    if (errors.length > 0) throw new ProblemError('import_has_errors', { extensions: { problems: errors } })

    const toCreate = stanzas.filter((stanza) => stanza.action === 'create')
    const toUpdate = stanzas.filter((stanza) => stanza.action === 'update')
    await ctx.db.transaction().execute(async (trx) => {
      const created = toCreate.map((stanza) => {
        const names = {
          nameZh: stanza.title,
          nameEn: /\p{Script=Han}/u.test(stanza.title) ? null : stanza.title,
          aliases: [],
          vendor: null,
          subjects: [],
        }
        return { id: uuidv7(), stanza, names }
      })
      if (created.length > 0) {
        await trx
          .insertInto('e_resources')
          .values(
            created.map(({ id, stanza, names }) => ({
              id,
              library_id: libraryId,
              name_zh: names.nameZh,
              name_en: names.nameEn,
              kind: 'database',
              url: stanza.url!,
              status: 'draft' as const,
              // No subjects yet, so no discipline names to index.
              ...indexedColumnsOf(names, []),
            })),
          )
          .execute()
        await trx
          .insertInto('e_resource_routes')
          .values(created.map(({ id }) => ({ resource_id: id, kind: 'proxy', position: 0, values: '{}' })))
          .execute()
        await rememberWords(trx, libraryId, [...new Set(created.flatMap(({ names }) => vocabularyOf(names)))])
      }
      for (const stanza of toUpdate) {
        // Behind the routes it has, unless it has a proxy route already.
        await trx
          .insertInto('e_resource_routes')
          .columns(['resource_id', 'kind', 'position', 'values'])
          .expression((eb) =>
            eb
              .selectFrom('e_resource_routes')
              .select([
                eb.val(stanza.existing!.id).as('resource_id'),
                eb.val('proxy').as('kind'),
                eb.fn.coalesce(eb(eb.fn.max('position'), '+', 1), eb.val(0)).as('position'),
                eb.val('{}').as('values'),
              ])
              .where('resource_id', '=', stanza.existing!.id),
          )
          .onConflict((conflict) => conflict.doNothing())
          .execute()
      }
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'e_resource.ezproxy_imported',
        entityType: 'library',
        entityId: libraryId,
        entityLabel: file.name,
        before: null,
        after: { fileName: file.name, created: toCreate.length, updated: toUpdate.length },
      })
    })
    return { ...result, applied: true, created: toCreate.length, updated: toUpdate.length }
  },
})
