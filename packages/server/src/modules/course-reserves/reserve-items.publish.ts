import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

type Channel = 'owned_platform' | 'publisher_supplied' | 'digitised' | 'open_access'

/**
 * Publishes a requested title once an item providing it is approved: readers can open it from
 * now, through `link` (the item's permalink), and the coverage figures count it from `at`.
 * Kept to this one function so it can give way to the fulfilment workflow's own transition.
 */
export const markTitlePublished = (
  trx: Kysely<DB>,
  title: { id: string; libraryId: string; channel: Channel; link: string; at: Date },
) =>
  trx
    .updateTable('course_titles')
    .set({
      status: 'published',
      channel: title.channel,
      link_url: title.link,
      link_platform: null,
      published_at: title.at,
      unavailable_reason: null,
      updated_at: title.at,
    })
    .where('id', '=', title.id)
    .where('library_id', '=', title.libraryId)
    .execute()
