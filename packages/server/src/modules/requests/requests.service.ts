import { type RequestType, type requests, requestTypeOf } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import { type Caller, isStaff, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { attachFile, registerFileAccess } from '../../platform/files/files.service.ts'
import { loadLibraryCalendar } from '../../platform/libraries/calendar.query.ts'
import { addOpenDays, todayIn } from '../../platform/libraries/calendar.ts'
import { correctedForm } from './form-corrections.ts'
import { parseForm } from './form-problems.ts'
import { confirmationOf, issueConfirmationIfDue } from './request-confirmations.ts'
import { feeOf } from './request-fees.ts'
import { checkChosenSubject, subjectOf } from './request-subjects.ts'
import { announceReaderAction, announceStatus, announceSubmitted } from './requests.notices.ts'
import { allowedActions, presentEvent, presentRequest, type Viewpoint } from './requests.presenter.ts'
import * as repo from './requests.repository.ts'

const typeOf = (code: string): RequestType => {
  const type = requestTypeOf(code)
  if (!type) throw new Error(`unknown request type ${code}`)
  return type
}

/** How the caller sees a request: as staff of its library, as its reader, or not at all. */
const viewpointOf = (
  caller: Caller,
  row: { library_id: string; reader_id: string },
): Viewpoint | undefined => {
  if (isStaff(caller) || caller.roles.has('consortium_admin')) {
    if (scopeIncludes(scopeOf(caller), row.library_id)) return 'staff'
  }
  if (row.reader_id === caller.accountId) return 'reader'
  return undefined
}

/** The request and how the caller sees it; a stranger gets 404, never a hint it exists. */
/** How the assignee's notice names a reader's message on the request. */
const READER_MESSAGE = { zh: '留言', en: 'Left a message' }

const findVisible = async (trx: Kysely<DB>, caller: Caller, requestId: string) => {
  const row = await repo
    .requestsInScope(trx, { consortiumId: caller.consortiumId, libraryIds: 'all' })
    .where('r.id', '=', requestId)
    .executeTakeFirst()
  const viewpoint = row && viewpointOf(caller, row)
  if (!row || !viewpoint) throw new ProblemError('not_found')
  return { row, viewpoint }
}

// Files on a request are for its reader and its library's staff, as the request itself.
registerFileAccess('request', (ctx, caller, requestId) =>
  findVisible(ctx.db, caller, requestId).then(
    () => true,
    () => false,
  ),
)

export const createRequestsService = (ctx: AppContext) => {
  const { db } = ctx

  const todayAt = (timeZone: string) => todayIn(timeZone, ctx.now())

  /** Links the caller's uploaded files to the request, in the same transaction as the event. */
  const attachAll = async (
    trx: Kysely<DB>,
    caller: Caller,
    libraryId: string,
    requestId: string,
    fileIds: string[],
  ) => {
    for (const fileId of new Set(fileIds)) {
      await attachFile(trx, fileId, {
        ownerKind: 'request',
        ownerId: requestId,
        libraryId,
        byAccountId: caller.accountId,
        field: 'body.fileIds',
      })
    }
  }

  const detail = async (trx: Kysely<DB>, caller: Caller, requestId: string) => {
    const { row, viewpoint } = await findVisible(trx, caller, requestId)
    const events = await repo.listEvents(trx, requestId, viewpoint === 'staff')
    return {
      ...presentRequest(row, typeOf(row.type), viewpoint, todayAt(row.time_zone)),
      events: events.map(presentEvent),
      confirmation: await confirmationOf(trx, requestId),
    }
  }

  const submit = async (
    caller: Caller,
    input: z.output<typeof requests.SubmitRequestBody>,
    idempotencyKey: string | undefined,
  ) => {
    const libraryId = caller.libraryId
    if (!libraryId) throw new ProblemError('forbidden')
    const type = typeOf(input.type)
    const form = parseForm(type, input.form)
    if (input.fileIds.length > type.attachments.maxFiles) {
      throw fieldProblem(
        'body.fileIds',
        'not_allowed',
        '此类申请不能附加文件',
        'This kind of request takes no attachments',
      )
    }
    await checkChosenSubject(db, libraryId, type, input.subjectId)
    if (idempotencyKey) {
      const earlier = await db
        .selectFrom('requests')
        .select('id')
        .where('reader_id', '=', caller.accountId)
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst()
      if (earlier) return detail(db, caller, earlier.id)
    }
    const id = uuidv7()
    const { timeZone, today, calendar } = await loadLibraryCalendar(db, libraryId, ctx.now())
    // Numbered (by the library's year) before the transaction, so the counter is not held while it runs.
    const number = await repo.takeNumber(db, libraryId, type.prefix, Number(today.slice(0, 4)))
    let created: { row: repo.RequestRow; event: repo.EventRow }
    try {
      created = await db.transaction().execute(async (trx) => {
        const reader = await trx
          .selectFrom('accounts')
          .select(['department_id', 'name', 'reader_number'])
          .where('id', '=', caller.accountId)
          .executeTakeFirstOrThrow()
        const subjectId = subjectOf(type, input.subjectId, reader.department_id)
        const subjectLibrarian = subjectId
          ? await repo.leastBusySubjectLibrarian(trx, libraryId, subjectId)
          : undefined
        const assignee =
          subjectLibrarian ??
          (type.assignment === 'manual' ? undefined : await repo.nextTeamMember(trx, libraryId, type.code))
        const { feeFen } = await feeOf(trx, libraryId, type, today)
        const dueDate = addOpenDays(calendar, today, type.targetWorkingDays)
        const eventId = uuidv7()
        const request = await trx
          .insertInto('requests')
          .values({
            id,
            library_id: libraryId,
            type: type.code,
            number,
            reader_id: caller.accountId,
            department_id: reader.department_id,
            subject_id: subjectId,
            status: type.initial,
            form: JSON.stringify(form),
            assignee_id: assignee?.id ?? null,
            fee_fen: feeFen,
            due_date: dueDate,
            idempotency_key: idempotencyKey ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        const event = await trx
          .insertInto('request_events')
          .values({
            id: eventId,
            request_id: id,
            library_id: libraryId,
            actor_id: caller.accountId,
            kind: 'submitted',
            to_status: type.initial,
            file_ids: input.fileIds,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await attachAll(trx, caller, libraryId, id, input.fileIds)
        await announceSubmitted(trx, {
          libraryId,
          requestId: id,
          eventId,
          number,
          readerId: caller.accountId,
          readerName: reader.name,
          type,
          dueDate,
        })
        return {
          row: {
            ...request,
            reader_name: reader.name,
            reader_number: reader.reader_number,
            assignee_name: assignee?.name ?? null,
            assignee_number: assignee?.readerNumber ?? null,
            time_zone: timeZone,
          },
          event: { ...event, actor_name: reader.name, actor_number: reader.reader_number },
        }
      })
    } catch (error) {
      // Two submits with one key raced; the other one won, so answer with its request.
      if (idempotencyKey && isUniqueViolation(error)) {
        const winner = await db
          .selectFrom('requests')
          .select('id')
          .where('reader_id', '=', caller.accountId)
          .where('idempotency_key', '=', idempotencyKey)
          .executeTakeFirst()
        if (winner) return detail(db, caller, winner.id)
      }
      throw error
    }
    // Answered from the rows just written, as detail() would read them back: the submitter is its
    // reader (or serves its library, and then sees it as staff).
    return {
      ...presentRequest(created.row, type, viewpointOf(caller, created.row)!, today),
      events: [presentEvent(created.event)],
      // Confirmations are issued on a later step, never at submission.
      confirmation: null,
    }
  }

  const transition = async (
    caller: Caller,
    httpRequestId: string,
    requestId: string,
    input: {
      action: string
      note?: string | undefined
      internalNote?: string | undefined
      fileIds: string[]
      form?: Record<string, unknown> | undefined
    },
  ) => {
    await db.transaction().execute(async (trx) => {
      const { row, viewpoint } = await findVisible(trx, caller, requestId)
      const type = typeOf(row.type)
      const move = type.transitions.find(
        (candidate) =>
          candidate.action === input.action &&
          candidate.by === viewpoint &&
          candidate.from.includes(row.status),
      )
      if (!move) {
        throw new ProblemError('illegal_transition', {
          extensions: {
            status: 409,
            currentStatus: row.status,
            allowed: allowedActions(type, row.status, viewpoint),
          },
        })
      }
      const note = input.note?.trim()
      if (move.needsReason && !note) {
        throw fieldProblem(
          'body.note',
          'required',
          '请填写原因，读者会看到它',
          'Give a reason; the reader will see it',
        )
      }
      if (move.needsFile && input.fileIds.length === 0) {
        throw fieldProblem('body.fileIds', 'required', '请附上结果文件', 'Attach the result file')
      }
      if (input.internalNote && viewpoint !== 'staff') throw new ProblemError('forbidden')
      const corrected = input.form && correctedForm(type, move, row.form, input.form)
      const changed = corrected && corrected.changes.length > 0 ? corrected : undefined
      const final = type.statuses[move.to]?.final === true
      const eventId = uuidv7()
      await trx
        .updateTable('requests')
        .set({
          status: move.to,
          updated_at: ctx.now(),
          closed_at: final ? ctx.now() : null,
          ...(changed ? { form: JSON.stringify(changed.form) } : {}),
        })
        .where('id', '=', requestId)
        .execute()
      await trx
        .insertInto('request_events')
        .values({
          id: eventId,
          request_id: requestId,
          library_id: row.library_id,
          actor_id: caller.accountId,
          kind: 'transition',
          action: move.action,
          from_status: row.status,
          to_status: move.to,
          note: note || null,
          file_ids: input.fileIds,
          ...(changed ? { form_changes: JSON.stringify(changed.changes) } : {}),
        })
        .execute()
      await attachAll(trx, caller, row.library_id, requestId, input.fileIds)
      if (changed) {
        // The reader's own correction, audited like staff changes: it alters what staff review.
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: row.library_id,
          action: 'request.form_corrected',
          entityType: 'request',
          entityId: requestId,
          entityLabel: row.number,
          before: row.form,
          after: changed.form,
        })
      }
      await issueConfirmationIfDue(
        trx,
        type,
        { id: requestId, libraryId: row.library_id },
        move.to,
        ctx.now(),
      )
      // Readers are told of what staff did, not of their own actions.
      if (viewpoint === 'staff') {
        await announceStatus(trx, {
          libraryId: row.library_id,
          requestId,
          eventId,
          number: row.number,
          readerId: row.reader_id,
          readerName: row.reader_name,
          type,
          status: move.to,
          note: note || null,
        })
      }
      if (viewpoint === 'reader' && row.assignee_id && row.assignee_id !== caller.accountId) {
        await announceReaderAction(trx, {
          libraryId: row.library_id,
          requestId,
          eventId,
          number: row.number,
          readerName: row.reader_name,
          type,
          assigneeId: row.assignee_id,
          assigneeName: row.assignee_name ?? '',
          action: move.label,
          note: note || null,
        })
      }
      if (input.internalNote?.trim()) {
        await trx
          .insertInto('request_events')
          .values({
            id: uuidv7(),
            request_id: requestId,
            library_id: row.library_id,
            actor_id: caller.accountId,
            kind: 'comment',
            note: input.internalNote.trim(),
            internal: true,
          })
          .execute()
      }
      if (viewpoint === 'staff') {
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: row.library_id,
          action: `request.${move.action}`,
          entityType: 'request',
          entityId: requestId,
          entityLabel: row.number,
          before: { status: row.status },
          after: { status: move.to },
        })
      }
    })
    return detail(db, caller, requestId)
  }

  const comment = async (
    caller: Caller,
    requestId: string,
    input: { body: string; internal: boolean; fileIds: string[] },
  ) => {
    await db.transaction().execute(async (trx) => {
      const { row, viewpoint } = await findVisible(trx, caller, requestId)
      if (input.internal && viewpoint !== 'staff') throw new ProblemError('forbidden')
      const eventId = uuidv7()
      await trx
        .insertInto('request_events')
        .values({
          id: eventId,
          request_id: requestId,
          library_id: row.library_id,
          actor_id: caller.accountId,
          kind: 'comment',
          note: input.body.trim(),
          internal: input.internal,
          file_ids: input.fileIds,
        })
        .execute()
      await attachAll(trx, caller, row.library_id, requestId, input.fileIds)
      if (viewpoint === 'reader' && row.assignee_id) {
        await announceReaderAction(trx, {
          libraryId: row.library_id,
          requestId,
          eventId,
          number: row.number,
          readerName: row.reader_name,
          type: typeOf(row.type),
          assigneeId: row.assignee_id,
          assigneeName: row.assignee_name ?? '',
          action: READER_MESSAGE,
          note: input.body.trim(),
        })
      }
    })
    return detail(db, caller, requestId)
  }

  return {
    submit,
    transition,
    comment,
    detail: (caller: Caller, id: string) => detail(db, caller, id),
    todayAt,
  }
}

export type RequestsService = ReturnType<typeof createRequestsService>
