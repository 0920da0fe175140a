import { courseTitles, publishers } from '@shuqiao/contracts'

export const TITLE_CHANNELS = courseTitles.TITLE_CHANNELS
export const CONTACT_KINDS = publishers.CONTACT_KINDS

/** What a status change to `status` asks for besides a note: channel and link, or a reason. */
export const fieldsFor = (status: courseTitles.TitleStatus | undefined) => ({
  channel: status === 'published',
  link: status === 'published',
  reason: status === 'unavailable',
})

/** The share of the titles asked for that a publisher supplied, in whole percent ('—' when none asked). */
export const suppliedShare = (figures: { asked: number; supplied: number }) =>
  figures.asked === 0 ? '—' : `${Math.round((figures.supplied / figures.asked) * 100)}%`

/**
 * The publishers' list filter from the address bar: `pending`, `contacted` or `never`, else
 * undefined (every publisher).
 */
export const publisherState = (value: string | null): 'pending' | 'contacted' | 'never' | undefined =>
  value === 'pending' || value === 'contacted' || value === 'never' ? value : undefined

/** Ids of the selected rows that are still on the page (a filter change drops the others). */
export const stillShown = (selected: readonly string[], rows: readonly { id: string }[]) => {
  const shown = new Set(rows.map((row) => row.id))
  return selected.filter((id) => shown.has(id))
}
