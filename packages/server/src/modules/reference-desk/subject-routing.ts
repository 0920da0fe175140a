import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { ProblemError } from '../../http/problem.ts'
import { loadDisciplines, unknownDisciplines } from '../e-resources/disciplines.service.ts'
import { leastBusyOnDuty } from './assignment.ts'
import type { Signals } from './desk-signals.ts'
import { appendMessage } from './messages.repository.ts'
import { presentQueueRef } from './queues.presenter.ts'

/** What a chat is about: a discipline the reader picked, or else the department of their account. */
export interface ChatSubject {
  discipline: string | null
  departmentId: string | null
}

/**
 * The subject librarians of a chat's subject: those tied to the discipline the reader picked, or,
 * when they picked none, the subject librarians of their department (subject assignments).
 */
export const subjectLibrariansOf = async (db: Kysely<DB>, libraryId: string, subject: ChatSubject) => {
  if (subject.discipline) {
    const rows = await db
      .selectFrom('reference_subject_librarians')
      .select('account_id')
      .where('library_id', '=', libraryId)
      .where('discipline', '=', subject.discipline)
      .execute()
    return rows.map((row) => row.account_id)
  }
  if (subject.departmentId) {
    const rows = await db
      .selectFrom('subject_assignments')
      .select('account_id')
      .where('library_id', '=', libraryId)
      .where('department_id', '=', subject.departmentId)
      .execute()
    return rows.map((row) => row.account_id)
  }
  return []
}

/**
 * Routing by subject (Q4), for a chat that has just started: it goes first to the least busy of
 * its subject librarians on duty for its queue and under their limit; when there is none it stays
 * in the queue's line for everyone (the general queue), claimed or assigned as the queue does.
 * Records the subject and who it went to. Returns the librarian, if any.
 */
export const routeBySubject = async (
  db: Kysely<DB>,
  conversation: {
    id: string
    libraryId: string
    queue: { id: string; code: string; name_zh: string; name_en: string }
  },
  subject: ChatSubject,
  now: Date,
  signals: Signals,
) => {
  if (!subject.discipline && !subject.departmentId) return undefined
  const among = await subjectLibrariansOf(db, conversation.libraryId, subject)
  const librarian = await leastBusyOnDuty(db, conversation.queue.id, among)
  await db
    .insertInto('reference_conversation_subjects')
    .values({
      conversation_id: conversation.id,
      discipline: subject.discipline,
      department_id: subject.departmentId,
      routed_to: librarian?.id ?? null,
    })
    .execute()
  if (!librarian) return undefined
  await db
    .updateTable('reference_conversations')
    .set({ status: 'active', assignee_id: librarian.id, assigned_at: now, updated_at: now })
    .where('id', '=', conversation.id)
    .where('status', '=', 'waiting')
    .execute()
  await appendMessage(db, conversation.id, {
    kind: 'event',
    event: 'assigned',
    eventData: { librarian, queue: presentQueueRef(conversation.queue), bySubject: true },
    sentAt: now,
  })
  signals.message(conversation.id)
  signals.conversation(conversation.id, conversation.libraryId)
  return librarian
}

/** A discipline picked for a new chat, which must be on the library's list (400 `body.subject` `unknown_discipline`). */
export const pickedSubject = async (
  db: Kysely<DB>,
  libraryId: string,
  discipline: string,
): Promise<ChatSubject> => {
  const { items } = await loadDisciplines(db, libraryId)
  const errors = unknownDisciplines(items, [discipline], () => 'body.subject')
  if (errors.length > 0) throw new ProblemError('validation_failed', { errors })
  return { discipline, departmentId: null }
}

/**
 * The subject of a reader's new chat: the discipline they picked, else their account's department.
 * A guest has only what they pick (`pickedSubject`).
 */
export const subjectOf = async (
  db: Kysely<DB>,
  caller: { accountId: string },
  libraryId: string,
  discipline: string | undefined,
): Promise<ChatSubject> => {
  if (discipline) return pickedSubject(db, libraryId, discipline)
  const account = await db
    .selectFrom('accounts')
    .select('department_id')
    .where('id', '=', caller.accountId)
    .executeTakeFirst()
  return { discipline: null, departmentId: account?.department_id ?? null }
}
