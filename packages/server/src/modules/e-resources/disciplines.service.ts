import { DISCIPLINES, type disciplines } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, type LocalizedFieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import * as repo from './disciplines.repository.ts'
import { findLibraryByCode } from './e-resources.repository.ts'
import { type DisciplineName, searchTextOfResource } from './resource-names.ts'

type ListInput = z.output<typeof disciplines.DisciplineListInput>

const NATIONAL: readonly DisciplineName[] = DISCIPLINES.map(({ code, zh, en }) => ({ code, zh, en }))

// A rename rewrites the search words of every resource under it, this many per statement.
const REINDEX_BATCH = 500

/** The discipline list a library files under: its own, or the national categories when it has none. */
export const loadDisciplines = async (db: Kysely<DB>, libraryId: string) => {
  const rows = await repo.disciplineRowsOf(db, libraryId)
  return rows.length > 0
    ? {
        items: rows.map((row): DisciplineName => ({ code: row.code, zh: row.name_zh, en: row.name_en })),
        custom: true,
      }
    : { items: [...NATIONAL], custom: false }
}

/**
 * Field problems for codes not on the library's list; `pathOf(index)` names the field of each
 * (`body.subjects.2`, `body.discipline`).
 */
export const unknownDisciplines = (
  list: readonly DisciplineName[],
  codes: readonly string[],
  pathOf: (index: number) => string,
): LocalizedFieldProblem[] => {
  const known = new Set(list.map((discipline) => discipline.code))
  return codes.flatMap((code, index) =>
    known.has(code)
      ? []
      : [
          {
            path: pathOf(index),
            code: 'unknown_discipline',
            message: {
              zh: `本馆学科列表里没有学科代码“${code}”`,
              en: `There is no discipline “${code}” on the library’s discipline list`,
            },
          },
        ],
  )
}

/**
 * The library's list for filing something under `codes`, inside the transaction that files it:
 * the list is held as it is until the transaction ends, and codes not on it are refused (400
 * `unknown_discipline`, naming each field by `pathOf(index)`). Call it first in the transaction.
 */
export const disciplinesForFiling = async (
  trx: Kysely<DB>,
  libraryId: string,
  codes: readonly string[],
  pathOf: (index: number) => string,
) => {
  await repo.holdForFiling(trx, libraryId)
  const { items } = await loadDisciplines(trx, libraryId)
  const errors = unknownDisciplines(items, codes, pathOf)
  if (errors.length > 0) throw new ProblemError('validation_failed', { errors })
  return items
}

/** Codes whose names differ between two lists (or that are new): the resources under them are reindexed. */
const renamedCodes = (before: readonly DisciplineName[], after: readonly DisciplineName[]) => {
  const old = new Map(before.map((discipline) => [discipline.code, discipline]))
  return after
    .filter((discipline) => {
      const was = old.get(discipline.code)
      return !was || was.zh !== discipline.zh || was.en !== discipline.en
    })
    .map((discipline) => discipline.code)
}

const listForAudit = (list: { items: readonly DisciplineName[]; custom: boolean }) => ({
  custom: list.custom,
  items: list.custom ? list.items.map((item) => `${item.code} ${item.zh} / ${item.en}`) : [],
})

/** A library's discipline list (学科列表): read by anyone, replaced whole by its admin. */
export const createDisciplinesService = (ctx: AppContext) => {
  const { db } = ctx

  const libraryIdFor = async (caller: Caller | undefined, code: string | undefined) => {
    if (code) {
      const library = await findLibraryByCode(db, code)
      if (!library) throw new ProblemError('not_found')
      return library.id
    }
    if (!caller?.libraryId)
      throw fieldProblem('query.library', 'required', '请指明图书馆', 'Name the library')
    return caller.libraryId
  }

  return {
    list: async (caller: Caller | undefined, libraryCode: string | undefined) =>
      loadDisciplines(db, await libraryIdFor(caller, libraryCode)),

    /**
     * Replaces the caller's library's list in one transaction. Removing a code that resources or
     * guides are still filed under is refused (409 `discipline_in_use`, naming each code and how
     * many use it) and nothing changes. Renamed disciplines' resources get their search words
     * rewritten in the same transaction, so a search finds them by the new name at once.
     */
    replace: async (caller: Caller, requestId: string, input: ListInput) => {
      const libraryId = caller.libraryId
      if (!libraryId) throw new ProblemError('forbidden')
      await db.transaction().execute(async (trx) => {
        await repo.holdForChange(trx, libraryId)
        const before = await loadDisciplines(trx, libraryId)
        const after =
          input.items.length > 0 ? { items: input.items, custom: true } : { items: NATIONAL, custom: false }
        const kept = new Set(after.items.map((discipline) => discipline.code))
        const removed = before.items.filter((discipline) => !kept.has(discipline.code))
        const inUse = await repo.usesOf(
          trx,
          libraryId,
          removed.map((discipline) => discipline.code),
        )
        if (inUse.length > 0) {
          const named = inUse.map((use) => ({
            ...use,
            zh: removed.find((discipline) => discipline.code === use.code)!.zh,
          }))
          throw new ProblemError('discipline_in_use', {
            extensions: { inUse: named },
            detail: {
              zh: `以下学科仍在使用，不能删除：${named
                .map((use) => `${use.code} ${use.zh}（${use.resources} 个资源，${use.guides} 个学科导航）`)
                .join('；')}。请先把这些资源和导航改归其他学科。`,
              en: `These disciplines are still in use and cannot be removed: ${named
                .map(
                  (use) =>
                    `${use.code} ${use.zh} (${use.resources} resource${use.resources === 1 ? '' : 's'}, ${use.guides} guide${use.guides === 1 ? '' : 's'})`,
                )
                .join('; ')}. File those resources and guides under other disciplines first.`,
            },
          })
        }
        await repo.replaceDisciplines(trx, libraryId, input.items)
        const renamed = renamedCodes(before.items, after.items)
        if (renamed.length > 0) {
          const resources = await repo.resourcesUnder(trx, libraryId, renamed)
          for (let at = 0; at < resources.length; at += REINDEX_BATCH) {
            await repo.setSearchTexts(
              trx,
              resources.slice(at, at + REINDEX_BATCH).map((row) => ({
                id: row.id,
                searchText: searchTextOfResource(
                  {
                    nameZh: row.name_zh,
                    nameEn: row.name_en,
                    aliases: row.aliases,
                    vendor: row.vendor,
                    subjects: row.subjects,
                  },
                  after.items,
                ),
              })),
            )
          }
        }
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'disciplines.updated',
          entityType: 'library',
          entityId: libraryId,
          entityLabel: 'discipline list',
          before: listForAudit(before),
          after: listForAudit(after),
        })
      })
      return loadDisciplines(db, libraryId)
    },
  }
}
