import { type Kysely, type Selectable, sql } from 'kysely'
import type { CoursePublishersTable, DB } from '../../db/schema.ts'

// Publishers and their contact log. A title belongs to the publisher it is linked to by hand,
// else to the library's publisher whose folded name equals publisher_key(title.publisher).

export type PublisherRow = Selectable<CoursePublishersTable>

export interface Figures {
  titles: number
  asked: number
  supplied: number
  pending: number
  refused: number
}

/** The publisher's folded name, as the database folds it (publisher_key). */
export const publisherKey = async (db: Kysely<DB>, name: string) =>
  (await sql<{ key: string }>`select publisher_key(${name}) as key`.execute(db)).rows[0]!.key

/** The titles of the library with the publisher each belongs to (linked, or matched by name). */
const ownedTitles = (libraryId: string) => sql`
  select t.id as title_id, coalesce(t.publisher_id, p.id) as publisher_id
  from course_titles t
  left join course_publishers p on t.publisher_id is null and p.library_id = t.library_id
    and p.name_key = publisher_key(t.publisher)
  where t.library_id = ${libraryId} and (t.publisher_id is not null or p.id is not null)`

/**
 * Each publisher's figures: titles it has; titles named in any of its contact entries (asked),
 * in a `supplied` one, in a `refused` one and not supplied, and the rest asked (pending).
 */
export const figuresOf = async (db: Kysely<DB>, libraryId: string) => {
  const result = await sql<Figures & { publisher_id: string }>`
    with owned as (${ownedTitles(libraryId)}),
    flags as (
      select c.publisher_id, ct.title_id, bool_or(c.kind = 'supplied') as supplied,
        bool_or(c.kind = 'refused') as refused
      from course_publisher_contacts c join course_publisher_contact_titles ct on ct.contact_id = c.id
      where c.library_id = ${libraryId}
      group by c.publisher_id, ct.title_id
    )
    select p.id as publisher_id,
      (select count(*) from owned o where o.publisher_id = p.id)::int as titles,
      count(f.title_id)::int as asked,
      (count(*) filter (where f.supplied))::int as supplied,
      (count(*) filter (where f.refused and not f.supplied))::int as refused,
      (count(*) filter (where not f.supplied and not f.refused))::int as pending
    from course_publishers p left join flags f on f.publisher_id = p.id
    where p.library_id = ${libraryId}
    group by p.id`.execute(db)
  return new Map(result.rows.map(({ publisher_id, ...figures }) => [publisher_id, figures]))
}

/** Each publisher's latest contact entry. */
export const lastContacts = async (db: Kysely<DB>, libraryId: string) => {
  const rows = await db
    .selectFrom('course_publisher_contacts')
    .distinctOn('publisher_id')
    .select(['publisher_id', 'kind', 'on_date'])
    .where('library_id', '=', libraryId)
    .orderBy('publisher_id')
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return new Map(rows.map((row) => [row.publisher_id, { kind: row.kind, date: row.on_date }]))
}

export const publisherById = (db: Kysely<DB>, libraryId: string, publisherId: string) =>
  db
    .selectFrom('course_publishers')
    .selectAll()
    .where('id', '=', publisherId)
    .where('library_id', '=', libraryId)
    .executeTakeFirst()

/** The publisher a title belongs to, and whether by hand. */
export const publisherOfTitle = async (
  db: Kysely<DB>,
  title: { library_id: string; publisher_id: string | null; publisher: string | null },
) => {
  if (title.publisher_id) {
    const linked = await publisherById(db, title.library_id, title.publisher_id)
    return linked ? { id: linked.id, name: linked.name, linked: true } : null
  }
  if (!title.publisher) return null
  const matched = await db
    .selectFrom('course_publishers')
    .select(['id', 'name'])
    .where('library_id', '=', title.library_id)
    .where('name_key', '=', sql<string>`publisher_key(${title.publisher})`)
    .executeTakeFirst()
  return matched ? { ...matched, linked: false } : null
}

/** The publisher's titles, linked by hand or matched by name, by title. */
export const titlesOfPublisher = async (db: Kysely<DB>, publisher: PublisherRow) =>
  db
    .selectFrom('course_titles as t')
    .select(['t.id', 't.title', 't.isbn13', 't.author', 't.status', 't.publisher', 't.publisher_id'])
    .where('t.library_id', '=', publisher.library_id)
    .where((eb) =>
      eb.or([
        eb('t.publisher_id', '=', publisher.id),
        eb.and([
          eb('t.publisher_id', 'is', null),
          eb(sql<string>`publisher_key(t.publisher)`, '=', publisher.name_key),
        ]),
      ]),
    )
    .orderBy('t.title')
    .orderBy('t.id')
    .limit(2000)
    .execute()

/** The publisher's contact log, newest first, with who logged each entry and its titles. */
export const contactsOf = async (db: Kysely<DB>, publisherId: string) => {
  const contacts = await db
    .selectFrom('course_publisher_contacts as c')
    .leftJoin('accounts as a', 'a.id', 'c.created_by')
    .selectAll('c')
    .select('a.name as by_name')
    .where('c.publisher_id', '=', publisherId)
    .orderBy('c.on_date', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
  const titles =
    contacts.length === 0
      ? []
      : await db
          .selectFrom('course_publisher_contact_titles as ct')
          .innerJoin('course_titles as t', 't.id', 'ct.title_id')
          .select(['ct.contact_id', 't.id', 't.title', 't.isbn13', 't.author', 't.status'])
          .where(
            'ct.contact_id',
            'in',
            contacts.map((contact) => contact.id),
          )
          .orderBy('t.title')
          .execute()
  return contacts.map((contact) => ({
    ...contact,
    titles: titles.filter((title) => title.contact_id === contact.id),
  }))
}

export type ContactRow = Awaited<ReturnType<typeof contactsOf>>[number]
