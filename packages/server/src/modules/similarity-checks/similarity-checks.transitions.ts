import { similarityChecks } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { attachFile } from '../../platform/files/files.service.ts'
import { announceResult, announceStatus } from './similarity-checks.notices.ts'
import { allowedActions, percent } from './similarity-checks.presenter.ts'
import * as repo from './similarity-checks.repository.ts'

const { THESIS_TRANSITIONS } = similarityChecks

export interface TransitionInput {
  action: string
  /** The result in hundredths of a percent. */
  similarityBp?: number | undefined
  reportFileId?: string | undefined
  note?: string | undefined
}

/** How an audit entry names a thesis: 李明 (2020001)《title》. */
export const thesisLabel = (row: { author_name: string; reader_number: string; title: string }) =>
  `${row.author_name} (${row.reader_number})《${row.title.length > 40 ? `${row.title.slice(0, 40)}…` : row.title}》`

const auditView = (row: {
  status: string
  attempt: number
  similarity_bp: number | null
  reason: string | null
  report_file_id: string | null
}) => ({
  status: row.status,
  attempt: row.attempt,
  similarityPercent: row.similarity_bp === null ? null : percent(row.similarity_bp),
  reason: row.reason,
  reportFileId: row.report_file_id,
})

/**
 * One step of one thesis, in the caller's transaction: checks the step is allowed now and has
 * what it needs, updates the thesis, writes its history, tells the graduate when it matters to
 * them, and audits it. `accountId` relinks a thesis whose reader account appeared since import.
 */
export const applyTransition = async (
  ctx: AppContext,
  trx: Kysely<DB>,
  caller: Caller,
  requestId: string,
  row: repo.ThesisRow,
  input: TransitionInput,
  accountId: string | null = row.account_id,
) => {
  const move = THESIS_TRANSITIONS.find(
    (candidate) =>
      candidate.action === input.action && (candidate.from as readonly string[]).includes(row.status),
  )
  if (!move) {
    throw new ProblemError('illegal_transition', {
      extensions: { currentStatus: row.status, allowed: allowedActions(row.status, 'staff') },
    })
  }
  const needsPercent = 'needsPercent' in move && move.needsPercent
  const needsReason = 'needsReason' in move && move.needsReason
  const note = input.note?.trim() || null
  if (needsReason && !note)
    throw fieldProblem(
      'body.note',
      'required',
      '请填写原因，作者会看到它',
      'Give a reason; the author will see it',
    )
  if (needsPercent && input.similarityBp === undefined)
    throw fieldProblem(
      'body.similarityPercent',
      'required',
      '请填写检测结果（总文字复制比）',
      'Give the result (the similarity percent)',
    )
  if (!needsPercent && input.similarityBp !== undefined)
    throw fieldProblem(
      'body.similarityPercent',
      'not_allowed',
      '这一步不录入结果',
      'This step takes no result',
    )
  if (!needsPercent && input.reportFileId)
    throw fieldProblem('body.reportFileId', 'not_allowed', '这一步不附检测报告', 'This step takes no report')

  const now = ctx.now()
  const checked = move.to === 'checked'
  const reportFileId = checked
    ? (input.reportFileId ?? (move.action === 'correct' ? row.report_file_id : null))
    : null
  const next = {
    status: move.to,
    attempt: move.action === 'recheck' ? row.attempt + 1 : row.attempt,
    similarity_bp: checked ? (input.similarityBp ?? null) : null,
    report_file_id: reportFileId,
    reason: move.to === 'returned' || move.to === 'withdrawn' ? note : null,
  }
  if (input.reportFileId) {
    await attachFile(trx, input.reportFileId, {
      ownerKind: 'similarity_thesis',
      ownerId: row.id,
      libraryId: row.library_id,
      byAccountId: caller.accountId,
      field: 'body.reportFileId',
    })
  }
  await trx
    .updateTable('similarity_check_theses')
    .set({
      ...next,
      account_id: accountId,
      submitted_at: move.action === 'submit' ? now : move.to === 'waiting' ? null : row.submitted_at,
      checked_at: checked ? now : null,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .execute()
  const eventId = uuidv7()
  await trx
    .insertInto('similarity_check_events')
    .values({
      id: eventId,
      thesis_id: row.id,
      library_id: row.library_id,
      actor_id: caller.accountId,
      action: move.action,
      from_status: row.status,
      to_status: move.to,
      attempt: next.attempt,
      similarity_bp: next.similarity_bp,
      report_file_id: input.reportFileId ?? null,
      note,
    })
    .execute()
  if (accountId) {
    const announced = {
      libraryId: row.library_id,
      eventId,
      accountId,
      authorName: row.author_name,
      title: row.title,
    }
    if (checked && next.similarity_bp !== null)
      await announceResult(trx, {
        ...announced,
        attempt: next.attempt,
        similarityPercent: percent(next.similarity_bp),
        thresholdPercent: percent(row.threshold_bp),
        passed: next.similarity_bp <= row.threshold_bp,
        service: row.batch_service,
        serviceNote: row.batch_service_note,
        note,
      })
    else if ((move.to === 'returned' || move.to === 'withdrawn') && note)
      await announceStatus(trx, { ...announced, status: move.to, note })
  }
  await recordAudit(trx, {
    caller,
    requestId,
    libraryId: row.library_id,
    action: `similarity_thesis.${move.action}`,
    entityType: 'similarity_thesis',
    entityId: row.id,
    entityLabel: thesisLabel(row),
    before: auditView(row),
    after: auditView(next),
  })
  return next
}

/** Links theses to reader accounts opened since they were imported; returns thesis id → account id. */
export const currentAccounts = async (trx: Kysely<DB>, rows: readonly repo.ThesisRow[]) => {
  const unlinked = rows.filter((row) => row.account_id === null)
  const byThesis = new Map<string, string | null>(rows.map((row) => [row.id, row.account_id]))
  if (unlinked.length === 0) return byThesis
  const libraryId = unlinked[0]!.library_id
  const found = await repo.readerAccounts(
    trx,
    libraryId,
    unlinked.map((row) => row.reader_number),
  )
  for (const row of unlinked) byThesis.set(row.id, found.get(row.reader_number) ?? null)
  return byThesis
}

export type ThesisStatus = similarityChecks.ThesisStatus
