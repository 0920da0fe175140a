import type { reserveItems } from '@shuqiao/contracts'
import { permalinkPath } from './permalinks.ts'
import type { ItemView } from './reserve-items.repository.ts'

/** Percent of the work used, to one decimal; null without both page counts. */
export const sharePercent = (pagesUsed: number | null, pagesTotal: number | null) =>
  pagesUsed === null || pagesTotal === null ? null : Math.round((pagesUsed / pagesTotal) * 1000) / 10

/** An item as its course's teachers and the library's staff see it. */
export const presentItem = (row: ItemView, shareLimitPercent: number): reserveItems.ReserveItem => {
  const share = sharePercent(row.pages_used, row.pages_total)
  return {
    id: row.id,
    courseId: row.course_id,
    titleId: row.title_id,
    kind: row.kind,
    name: row.name,
    note: row.note,
    url: row.link_url,
    file: row.file_id ? { name: row.file_name ?? '', size: Number(row.file_size ?? 0) } : null,
    downloadable: row.downloadable,
    seatLimit: row.seat_limit,
    seatMinutes: row.seat_minutes,
    permalink: permalinkPath(row.code),
    code: row.code,
    copyright: {
      pagesUsed: row.pages_used,
      pagesTotal: row.pages_total,
      sharePercent: share,
      overLimit: share !== null && share > shareLimitPercent,
      permission: row.permission,
      permissionSource: row.permission_source,
    },
    channel: row.publish_channel,
    review: {
      status: row.review_status,
      reason: row.rejected_reason,
      at: row.reviewed_at?.toISOString() ?? null,
    },
    openings: { total: row.openings_total, today: row.openings_today },
    addedAt: new Date(row.created_at).toISOString(),
  }
}

/** An item as a reader sees it: nothing of its review, copyright or address. */
export const presentReaderItem = (row: {
  id: string
  code: string
  kind: 'link' | 'file'
  name: string
  note: string | null
  downloadable: boolean
  seat_limit: number | null
}): reserveItems.ReaderItem => ({
  id: row.id,
  code: row.code,
  kind: row.kind,
  name: row.name,
  note: row.note,
  permalink: permalinkPath(row.code),
  downloadable: row.downloadable,
  seatLimit: row.seat_limit,
})
