import type { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { type Language, similarityChecks } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { tooLarge } from '../../platform/files/files.policy.ts'
import { presentFile } from '../../platform/files/files.presenter.ts'
import {
  attachFile,
  discardUpload,
  type FileRecord,
  storeUpload,
  type UploadPolicy,
} from '../../platform/files/files.service.ts'
import { findBatch, writeScope } from './similarity-checks.access.ts'
import { announceReport } from './similarity-checks.notices.ts'
import * as repo from './similarity-checks.repository.ts'
import { currentAccounts, thesisLabel } from './similarity-checks.transitions.ts'

const { THESIS_STATUS_LABELS, MAX_BULK_REPORT_FILES } = similarityChecks

type Bilingual = { zh: string; en: string }
type Outcome = similarityChecks.BulkReportOutcome

/**
 * Makes `fileId` (the caller's unattached upload) the report of a checked thesis, in the
 * caller's transaction: links the file, writes the thesis's history, tells the graduate when it
 * is their first report, and audits it. The single upload and the bulk upload both come here.
 */
export const recordReport = async (
  ctx: AppContext,
  trx: Kysely<DB>,
  caller: Caller,
  requestId: string,
  row: repo.ThesisRow,
  fileId: string,
  accountId: string | null,
  field = 'body.fileId',
) => {
  await attachFile(trx, fileId, {
    ownerKind: 'similarity_thesis',
    ownerId: row.id,
    libraryId: row.library_id,
    byAccountId: caller.accountId,
    field,
  })
  await trx
    .updateTable('similarity_check_theses')
    .set({ report_file_id: fileId, updated_at: ctx.now() })
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
      action: 'report',
      from_status: 'checked',
      to_status: 'checked',
      attempt: row.attempt,
      similarity_bp: row.similarity_bp,
      report_file_id: fileId,
    })
    .execute()
  // The result notice said where to find the report; say so again when it first arrives.
  if (accountId && row.report_file_id === null)
    await announceReport(trx, {
      libraryId: row.library_id,
      eventId,
      accountId,
      authorName: row.author_name,
      title: row.title,
    })
  await recordAudit(trx, {
    caller,
    requestId,
    libraryId: row.library_id,
    action: 'similarity_thesis.report',
    entityType: 'similarity_thesis',
    entityId: row.id,
    entityLabel: thesisLabel(row),
    before: { reportFileId: row.report_file_id },
    after: { reportFileId: fileId },
  })
}

// ---- matching file names to theses ----

/** A thesis as a report file is matched to it. */
export interface ReportTarget {
  id: string
  readerNumber: string
  authorName: string
  title: string
  status: similarityChecks.ThesisStatus
  hasReport: boolean
}

/** What a file's name says about it, before the other files of the upload are looked at. */
export interface NameMatch {
  name: string
  outcome: Outcome
  /** The thesis's reader number when one matched, else what the name starts with (null if nothing). */
  readerNumber: string | null
  thesis: ReportTarget | null
  /** Reader numbers the name fits, when it is ambiguous. */
  candidates: string[]
}

/** Theses by reader number, compared without regard to case. */
export const targetIndex = (theses: readonly ReportTarget[]) =>
  new Map(theses.map((thesis) => [thesis.readerNumber.toUpperCase(), thesis]))

const LEADING = /^[A-Za-z0-9._-]+/
const LETTER_OR_DIGIT = /[A-Za-z0-9]/

/**
 * Which thesis a report's file name is for: the one whose reader number the name starts with,
 * followed by the end of the name or by anything but a letter or digit (`2019123456.pdf`,
 * `2019123456_张三.pdf`, `2019123456 张三.pdf`, `２０１９１２３４５６－张三.pdf`). Reader numbers may
 * themselves hold `.`, `-` and `_`, so a name that fits two (R0002 and R0002_1) is ambiguous.
 * A path before the name is ignored; full-width characters count as their ASCII forms.
 */
export const matchName = (sent: string, theses: Map<string, ReportTarget>): NameMatch => {
  const name = sent.split(/[\\/]/).pop() ?? sent
  const clean = name.normalize('NFKC').trim()
  const isPdf = /\.pdf$/i.test(clean)
  const stem = isPdf ? clean.slice(0, -4) : clean
  const token = stem.match(LEADING)?.[0] ?? ''
  const found: ReportTarget[] = []
  for (let end = 1; end <= token.length; end++) {
    if (end < stem.length && LETTER_OR_DIGIT.test(stem[end]!)) continue
    const thesis = theses.get(token.slice(0, end).toUpperCase())
    if (thesis && !found.includes(thesis)) found.push(thesis)
  }
  const read = token.replace(/[._-]+$/, '') || null
  if (found.length > 1)
    return {
      name: sent,
      outcome: 'ambiguous',
      readerNumber: read,
      thesis: null,
      candidates: found.map((thesis) => thesis.readerNumber),
    }
  const thesis = found[0]
  if (!thesis)
    return { name: sent, outcome: 'not_in_batch', readerNumber: read, thesis: null, candidates: [] }
  const outcome: Outcome = !isPdf ? 'not_pdf' : thesis.status !== 'checked' ? 'not_checked' : 'matched'
  return { name: sent, outcome, readerNumber: thesis.readerNumber, thesis, candidates: [] }
}

/**
 * Every name of an upload judged together: files for the same thesis are all duplicates (which
 * one is right cannot be told), and with sizes, a file over `maxBytes` is too large.
 */
export const matchNames = (
  files: readonly { name: string; size?: number | undefined }[],
  theses: Map<string, ReportTarget>,
  maxBytes: number,
): NameMatch[] => {
  const matches = files.map((file) => matchName(file.name, theses))
  const perThesis = new Map<string, number>()
  for (const match of matches)
    if (match.outcome === 'matched' && match.thesis)
      perThesis.set(match.thesis.id, (perThesis.get(match.thesis.id) ?? 0) + 1)
  return matches.map((match, index) => {
    if (match.outcome !== 'matched') return match
    if ((perThesis.get(match.thesis!.id) ?? 0) > 1) return { ...match, outcome: 'duplicate' }
    if ((files[index]!.size ?? 0) > maxBytes) return { ...match, outcome: 'too_large' }
    return match
  })
}

/** What happens to a file, or why it is left out, in both languages. */
export const outcomeMessage = (match: NameMatch, maxBytes: number): Bilingual => {
  const thesis = match.thesis
  const whose = thesis
    ? {
        zh: `${thesis.authorName}（${thesis.readerNumber}）`,
        en: `${thesis.authorName} (${thesis.readerNumber})`,
      }
    : { zh: '', en: '' }
  switch (match.outcome) {
    case 'matched':
      return thesis!.hasReport
        ? { zh: `将替换${whose.zh}现有的检测报告。`, en: `Will replace the report of ${whose.en}.` }
        : { zh: `将作为${whose.zh}的检测报告。`, en: `Will be the report of ${whose.en}.` }
    case 'attached':
      return { zh: `已作为${whose.zh}的检测报告。`, en: `Attached as the report of ${whose.en}.` }
    case 'not_in_batch':
      return match.readerNumber
        ? {
            zh: `本批次没有学号为 ${match.readerNumber} 的论文。`,
            en: `No thesis of this batch has reader number ${match.readerNumber}.`,
          }
        : {
            zh: '文件名不是以学号开头（例如 2019123456_张三.pdf）。',
            en: 'The name does not start with a reader number (e.g. 2019123456_张三.pdf).',
          }
    case 'ambiguous':
      return {
        zh: `文件名开头可对应多个学号：${match.candidates.join('、')}，请改名后再上传。`,
        en: `The name’s start fits several reader numbers: ${match.candidates.join(', ')}. Rename it and upload again.`,
      }
    case 'duplicate':
      return {
        zh: `还有其他文件也是${whose.zh}的报告，都未上传；请只保留一个。`,
        en: `Another file is also for ${whose.en}, so neither is attached; keep only one.`,
      }
    case 'not_checked': {
      const status = THESIS_STATUS_LABELS[thesis!.status]
      return {
        zh: `${whose.zh}的论文还没有检测结果（当前：${status.zh}），出结果后才能上传检测报告。`,
        en: `The thesis of ${whose.en} has no result yet (now: ${status.en}); a report can be attached once it has.`,
      }
    }
    case 'not_pdf':
      return { zh: '不是 PDF 文件。', en: 'Not a PDF file.' }
    case 'too_large':
      return tooLarge(maxBytes).extra.detail!
  }
}

// ---- the service ----

const REPORT_POLICY: UploadPolicy = { kinds: ['pdf'] }

/** One file part of a multipart upload. */
export interface UploadedPart {
  filename: string
  file: Readable
}

interface Entry extends NameMatch {
  stored?: FileRecord | undefined
}

/** Reads what is left of a part nobody will store, so the next part can be read. */
const skip = async (stream: Readable) => {
  stream.resume()
  await finished(stream).catch(() => undefined)
}

export const createReportsService = (ctx: AppContext) => {
  const { db } = ctx
  const maxBytes = ctx.config.FILE_MAX_BYTES

  const targets = async (trx: Kysely<DB>, batchId: string) =>
    targetIndex(
      (await repo.reportTargets(trx, batchId)).map((row) => ({
        id: row.id,
        readerNumber: row.reader_number,
        authorName: row.author_name,
        title: row.title,
        status: row.status,
        hasReport: row.report_file_id !== null,
      })),
    )

  const answer = (
    entries: Entry[],
    dryRun: boolean,
    language: Language,
  ): similarityChecks.BulkReportAnswer => ({
    dryRun,
    matched: entries.filter((entry) => entry.outcome === 'matched' || entry.outcome === 'attached').length,
    attached: entries.filter((entry) => entry.outcome === 'attached').length,
    files: entries.map((entry) => {
      const message = outcomeMessage(entry, maxBytes)
      return {
        name: entry.name,
        readerNumber: entry.readerNumber,
        outcome: entry.outcome,
        message: language === 'en' ? message.en : message.zh,
        thesis: entry.thesis
          ? {
              id: entry.thesis.id,
              readerNumber: entry.thesis.readerNumber,
              authorName: entry.thesis.authorName,
              title: entry.thesis.title,
              status: entry.thesis.status,
            }
          : null,
        replaces: entry.thesis?.hasReport ?? false,
        file: entry.outcome === 'attached' && entry.stored ? presentFile(entry.stored) : null,
      }
    }),
  })

  /** How each name would be matched; nothing is stored. */
  const preview = async (
    caller: Caller,
    batchId: string,
    files: { name: string; size?: number | undefined }[],
  ) => {
    const batch = await findBatch(db, writeScope(caller), batchId)
    return answer(matchNames(files, await targets(db, batch.id), maxBytes), true, caller.language)
  }

  /**
   * Stores each file whose name matches a checked thesis of the batch, as it arrives, and then
   * attaches them all in one transaction. Files left out are read past and never stored; a file
   * stored and then found to be a duplicate, or any stored file when the request fails, is
   * removed again, so nothing is left half-written.
   */
  const upload = async (
    caller: Caller,
    requestId: string,
    batchId: string,
    parts: AsyncIterable<UploadedPart>,
  ) => {
    const batch = await findBatch(db, writeScope(caller), batchId)
    const theses = await targets(db, batch.id)
    const entries: Entry[] = []
    const byThesis = new Map<string, Entry>()
    const discardAll = () =>
      Promise.all(entries.flatMap((entry) => (entry.stored ? [discardUpload(ctx, entry.stored)] : [])))
    try {
      for await (const part of parts) {
        const entry: Entry = matchName(part.filename, theses)
        entries.push(entry)
        const earlier =
          entry.thesis && entry.outcome === 'matched' ? byThesis.get(entry.thesis.id) : undefined
        if (earlier) {
          // Which of two files is the right one cannot be told: neither is kept.
          entry.outcome = 'duplicate'
          earlier.outcome = 'duplicate'
          if (earlier.stored) await discardUpload(ctx, earlier.stored)
          earlier.stored = undefined
        }
        if (entry.outcome !== 'matched') {
          await skip(part.file)
          continue
        }
        byThesis.set(entry.thesis!.id, entry)
        try {
          entry.stored = await storeUpload(ctx, caller, part.file, {
            filename: part.filename,
            policy: REPORT_POLICY,
            rateLimited: false,
          })
        } catch (error) {
          const code = error instanceof ProblemError ? error.code : undefined
          if (code !== 'file_type_not_allowed' && code !== 'file_too_large') throw error
          entry.outcome = code === 'file_too_large' ? 'too_large' : 'not_pdf'
          await skip(part.file)
        }
      }
    } catch (error) {
      await discardAll()
      if ((error as { code?: string }).code === 'FST_FILES_LIMIT')
        throw new ProblemError('too_many_files', {
          detail: {
            zh: `一次最多上传 ${MAX_BULK_REPORT_FILES} 个文件，请分几次上传。`,
            en: `At most ${MAX_BULK_REPORT_FILES} files at a time; send them in several uploads.`,
          },
        })
      throw error
    }
    if (entries.length === 0) throw new ProblemError('file_missing')

    const toAttach = entries.filter((entry) => entry.outcome === 'matched' && entry.stored)
    try {
      await db.transaction().execute(async (trx) => {
        if (toAttach.length === 0) return
        const rows = await repo
          .thesesInScope(trx, writeScope(caller))
          .where('t.batch_id', '=', batch.id)
          .where(
            't.id',
            'in',
            toAttach.map((entry) => entry.thesis!.id),
          )
          .execute()
        const byId = new Map(rows.map((row) => [row.id, row]))
        const accounts = await currentAccounts(trx, rows)
        for (const entry of toAttach) {
          const row = byId.get(entry.thesis!.id)
          // Changed since the upload began (e.g. a result corrected back to being checked).
          if (row?.status !== 'checked') {
            entry.outcome = 'not_checked'
            continue
          }
          await recordReport(ctx, trx, caller, requestId, row, entry.stored!.id, accounts.get(row.id) ?? null)
          entry.outcome = 'attached'
        }
        const attached = toAttach.filter((entry) => entry.outcome === 'attached')
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: batch.library_id,
          action: 'similarity_batch.reports',
          entityType: 'similarity_batch',
          entityId: batch.id,
          entityLabel: batch.name,
          before: null,
          after: {
            attached: attached.length,
            files: entries.length,
            names: attached.map((entry) => entry.name),
          },
        })
      })
    } catch (error) {
      await discardAll()
      throw error
    }
    await Promise.all(
      entries.flatMap((entry) =>
        entry.stored && entry.outcome !== 'attached' ? [discardUpload(ctx, entry.stored)] : [],
      ),
    )
    return answer(entries, false, caller.language)
  }

  return { preview, upload }
}
