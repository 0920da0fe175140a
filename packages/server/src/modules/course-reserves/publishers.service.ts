import { type publishers, titleFulfilment } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { CourseTitleStatus, DB } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { staffLibraryOf } from './course-reserves.access.ts'
import { titleLabel } from './course-titles.presenter.ts'
import { presentContact, presentPublisher } from './publishers.presenter.ts'
import * as repo from './publishers.repository.ts'
import { setTitleStatus, titleOf } from './title-fulfilment.service.ts'

type ListQuery = z.output<typeof publishers.PublisherListQuery>
type ContactInput = z.output<typeof publishers.ContactInput>

/** What a contact entry does to the titles it names: contacting asks, supplying obtains. */
const MOVES: Partial<Record<publishers.ContactKind, CourseTitleStatus>> = {
  contacted: 'publisher_contacted',
  supplied: 'obtained',
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`.toLowerCase()

/**
 * The publishers a library asks for titles (E4): their records, their contact log and the
 * figures per publisher — titles asked, supplied, pending and refused.
 */
export const createPublishersService = (ctx: AppContext) => {
  const { db } = ctx

  const present = async (trx: Kysely<DB>, rows: readonly repo.PublisherRow[]) => {
    if (rows.length === 0) return []
    const libraryId = rows[0]!.library_id
    const [figures, last] = await Promise.all([
      repo.figuresOf(trx, libraryId),
      repo.lastContacts(trx, libraryId),
    ])
    return rows.map((row) => presentPublisher(row, figures.get(row.id), last.get(row.id)))
  }

  const load = async (trx: Kysely<DB>, libraryId: string, publisherId: string) => {
    const publisher = await repo.publisherById(trx, libraryId, publisherId)
    if (!publisher) throw new ProblemError('unknown_publisher')
    return publisher
  }

  /** The folded name, refused when nothing is left of it (only punctuation). */
  const keyOf = async (trx: Kysely<DB>, name: string) => {
    const key = await repo.publisherKey(trx, name)
    if (!key)
      throw new ProblemError('validation_failed', {
        errors: [
          {
            path: 'body.name',
            code: 'invalid',
            message: { zh: '请填写出版社名称', en: 'Give the publisher’s name' },
          },
        ],
      })
    return key
  }

  const audit = (
    trx: Kysely<DB>,
    caller: Caller,
    requestId: string,
    publisher: repo.PublisherRow,
    action: string,
    change: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
  ) =>
    recordAudit(trx, {
      caller,
      requestId,
      libraryId: publisher.library_id,
      action,
      entityType: 'course_publisher',
      entityId: publisher.id,
      entityLabel: publisher.name,
      ...change,
    })

  const snapshot = (row: repo.PublisherRow) => ({
    name: row.name,
    contactPerson: row.contact_person,
    email: row.email,
    phone: row.phone,
    note: row.note,
  })

  const detail = async (
    trx: Kysely<DB>,
    publisher: repo.PublisherRow,
  ): Promise<publishers.PublisherDetail> => {
    const [[shown], contacts, titles] = await Promise.all([
      present(trx, [publisher]),
      repo.contactsOf(trx, publisher.id),
      repo.titlesOfPublisher(trx, publisher),
    ])
    return {
      ...shown!,
      contacts: contacts.map(presentContact),
      titles: titles.map(({ publisher_id, ...title }) => ({
        ...title,
        linked: publisher_id === publisher.id,
      })),
    }
  }

  return {
    list: async (caller: Caller, query: ListQuery) => {
      const libraryId = staffLibraryOf(caller)
      const rows = await db
        .selectFrom('course_publishers')
        .selectAll()
        .where('library_id', '=', libraryId)
        .$if(!!query.q, (q) =>
          q.where((eb) =>
            eb.or([eb('name', 'ilike', like(query.q!)), eb('contact_person', 'ilike', like(query.q!))]),
          ),
        )
        .orderBy('name')
        .execute()
      const all = await present(db, rows)
      const items = all.filter((item) =>
        query.state === 'pending'
          ? item.figures.pending > 0
          : query.state === 'contacted'
            ? item.lastContact !== null
            : query.state === 'never'
              ? item.lastContact === null
              : true,
      )
      const totals = { titles: 0, asked: 0, supplied: 0, pending: 0, refused: 0 }
      for (const item of items)
        for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += item.figures[key]
      return { items, totals }
    },

    create: async (caller: Caller, requestId: string, body: publishers.PublisherInput) => {
      const libraryId = staffLibraryOf(caller)
      return db
        .transaction()
        .execute(async (trx) => {
          const now = ctx.now()
          const row = await trx
            .insertInto('course_publishers')
            .values({
              id: uuidv7(),
              library_id: libraryId,
              name: body.name,
              name_key: await keyOf(trx, body.name),
              contact_person: body.contactPerson ?? null,
              email: body.email ?? null,
              phone: body.phone ?? null,
              note: body.note?.trim() || null,
              created_at: now,
              updated_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          await audit(trx, caller, requestId, row, 'course_publisher.create', {
            before: null,
            after: snapshot(row),
          })
          return (await present(trx, [row]))[0]!
        })
        .catch((caught: unknown) => {
          if (isUniqueViolation(caught)) throw new ProblemError('publisher_name_taken')
          throw caught
        })
    },

    detail: async (caller: Caller, publisherId: string) =>
      detail(db, await load(db, staffLibraryOf(caller), publisherId)),

    update: async (
      caller: Caller,
      requestId: string,
      publisherId: string,
      body: Partial<publishers.PublisherInput>,
    ) => {
      const libraryId = staffLibraryOf(caller)
      return db
        .transaction()
        .execute(async (trx) => {
          const before = await load(trx, libraryId, publisherId)
          const after = await trx
            .updateTable('course_publishers')
            .set({
              ...(body.name !== undefined ? { name: body.name, name_key: await keyOf(trx, body.name) } : {}),
              ...(body.contactPerson !== undefined ? { contact_person: body.contactPerson } : {}),
              ...(body.email !== undefined ? { email: body.email } : {}),
              ...(body.phone !== undefined ? { phone: body.phone } : {}),
              ...(body.note !== undefined ? { note: body.note?.trim() || null } : {}),
              updated_at: ctx.now(),
            })
            .where('id', '=', before.id)
            .returningAll()
            .executeTakeFirstOrThrow()
          await audit(trx, caller, requestId, after, 'course_publisher.update', {
            before: snapshot(before),
            after: snapshot(after),
          })
          return (await present(trx, [after]))[0]!
        })
        .catch((caught: unknown) => {
          if (isUniqueViolation(caught)) throw new ProblemError('publisher_name_taken')
          throw caught
        })
    },

    /**
     * Logs a contact. The titles named are linked to the publisher; `contacted` moves those whose
     * status allows it to publisher_contacted and `supplied` to obtained, in their history.
     */
    addContact: async (caller: Caller, requestId: string, publisherId: string, body: ContactInput) => {
      const libraryId = staffLibraryOf(caller)
      return db.transaction().execute(async (trx) => {
        const publisher = await load(trx, libraryId, publisherId)
        const ids = [...new Set(body.titleIds)]
        const titles =
          ids.length === 0
            ? []
            : await trx
                .selectFrom('course_titles')
                .selectAll()
                .where('library_id', '=', libraryId)
                .where('id', 'in', ids)
                .orderBy('id')
                .forUpdate()
                .execute()
        if (titles.length !== ids.length) throw new ProblemError('unknown_titles')
        const now = ctx.now()
        const contactId = uuidv7()
        await trx
          .insertInto('course_publisher_contacts')
          .values({
            id: contactId,
            library_id: libraryId,
            publisher_id: publisher.id,
            kind: body.kind,
            on_date: body.date,
            note: body.note?.trim() || null,
            created_by: caller.accountId,
            created_at: now,
          })
          .execute()
        if (ids.length > 0) {
          await trx
            .insertInto('course_publisher_contact_titles')
            .values(ids.map((titleId) => ({ contact_id: contactId, title_id: titleId })))
            .execute()
          await trx
            .updateTable('course_titles')
            .set({ publisher_id: publisher.id })
            .where('id', 'in', ids)
            .execute()
        }
        const target = MOVES[body.kind]
        let moved = 0
        if (target)
          for (const title of titles)
            if (titleFulfilment.TITLE_TRANSITIONS[title.status].includes(target)) {
              await setTitleStatus(trx, {
                libraryId,
                titleId: title.id,
                to: target,
                actorId: caller.accountId,
                now,
                note: `${publisher.name}${body.note?.trim() ? ` — ${body.note.trim()}` : ''}`,
              })
              moved++
            }
        await audit(trx, caller, requestId, publisher, 'course_publisher.contact', {
          before: null,
          after: { kind: body.kind, date: body.date, titles: titles.map(titleLabel), moved },
        })
        const contact = (await repo.contactsOf(trx, publisher.id)).find((row) => row.id === contactId)!
        return { contact: presentContact(contact), moved }
      })
    },

    /** Links a title to a publisher by hand, or (null) back to matching by its publisher's name. */
    linkTitle: async (caller: Caller, requestId: string, titleId: string, publisherId: string | null) => {
      const libraryId = staffLibraryOf(caller)
      return db.transaction().execute(async (trx) => {
        const title = await titleOf(trx, libraryId, titleId)
        const publisher = publisherId ? await load(trx, libraryId, publisherId) : null
        await trx
          .updateTable('course_titles')
          .set({ publisher_id: publisher?.id ?? null, updated_at: ctx.now() })
          .where('id', '=', title.id)
          .execute()
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'course_title.link_publisher',
          entityType: 'course_title',
          entityId: title.id,
          entityLabel: titleLabel(title),
          before: { publisher: title.publisher_id },
          after: { publisher: publisher?.id ?? null },
        })
        return {
          publisher: await repo.publisherOfTitle(trx, { ...title, publisher_id: publisher?.id ?? null }),
        }
      })
    },
  }
}
