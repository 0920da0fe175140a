import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { searchTextOf } from '../../platform/search/search-text.ts'

const BATCH = 200

/**
 * Keeps the words of every ended chat of a library (or of all) for search: each chat is indexed
 * once, after it ends, from its messages (internal notes are not searched). Returns how many it
 * indexed. Called before each search and by the desk's sweep.
 */
export const indexTranscripts = async (db: Kysely<DB>, libraryId?: string) => {
  let indexed = 0
  for (;;) {
    const chats = await db
      .selectFrom('reference_conversations as c')
      .leftJoin('reference_transcripts as tr', 'tr.conversation_id', 'c.id')
      .select(['c.id', 'c.library_id'])
      .where('c.status', '=', 'closed')
      .where('tr.conversation_id', 'is', null)
      .$if(libraryId !== undefined, (q) => q.where('c.library_id', '=', libraryId!))
      .orderBy('c.id')
      .limit(BATCH)
      .execute()
    if (chats.length === 0) return indexed
    const messages = await db
      .selectFrom('reference_messages')
      .select(['conversation_id', 'body'])
      .where(
        'conversation_id',
        'in',
        chats.map((chat) => chat.id),
      )
      .where('kind', '=', 'text')
      .orderBy('conversation_id')
      .orderBy('seq')
      .execute()
    const texts = new Map<string, string[]>()
    for (const message of messages) {
      const list = texts.get(message.conversation_id) ?? []
      list.push(message.body ?? '')
      texts.set(message.conversation_id, list)
    }
    await db
      .insertInto('reference_transcripts')
      .values(
        chats.map((chat) => ({
          conversation_id: chat.id,
          library_id: chat.library_id,
          search_text: searchTextOf(...(texts.get(chat.id) ?? [])).slice(0, 200_000),
        })),
      )
      .onConflict((oc) => oc.column('conversation_id').doNothing())
      .execute()
    indexed += chats.length
    if (chats.length < BATCH) return indexed
  }
}
