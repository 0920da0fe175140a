import type { titleFulfilment } from '@shuqiao/contracts'
import type { TitleEventRow } from './title-history.repository.ts'

/** One line of a title's history, as staff see it. */
export const presentTitleEvent = (row: TitleEventRow): titleFulfilment.TitleEvent => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: row.actor_id && row.actor_name ? { id: row.actor_id, name: row.actor_name } : null,
  kind: row.kind,
  from: row.from_status,
  to: row.to_status,
  channel: row.channel as titleFulfilment.TitleEvent['channel'],
  assignee: row.assignee_id && row.assignee_name ? { id: row.assignee_id, name: row.assignee_name } : null,
  note: row.note,
})
