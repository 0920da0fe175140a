import type { linkChecks } from '@shuqiao/contracts'
import type { CheckRow, ListRow, RunRow } from './link-checks.repository.ts'

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null)

interface StateColumns {
  last_checked_at: Date | null
  last_outcome: linkChecks.LinkOutcome | null
  consecutive_failures: number
  flagged_since: Date | null
  dismissed_until: Date | null
  dismissed_note: string | null
}

/** A resource never checked stands nowhere yet. */
export const NO_STATE: linkChecks.LinkState = {
  lastCheckedAt: null,
  lastOutcome: null,
  consecutiveFailures: 0,
  flaggedSince: null,
  dismissedUntil: null,
  dismissedNote: null,
}

/** A dismissal that has run out is not shown as one. */
export const presentState = (row: StateColumns | undefined, now: Date): linkChecks.LinkState => {
  if (!row) return NO_STATE
  const dismissed = row.dismissed_until && new Date(row.dismissed_until) > now
  return {
    lastCheckedAt: iso(row.last_checked_at),
    lastOutcome: row.last_outcome,
    consecutiveFailures: row.consecutive_failures,
    flaggedSince: iso(row.flagged_since),
    dismissedUntil: dismissed ? iso(row.dismissed_until) : null,
    dismissedNote: dismissed ? row.dismissed_note : null,
  }
}

export const presentCheck = (row: CheckRow): linkChecks.LinkCheck => ({
  id: row.id,
  url: row.url,
  checkedAt: iso(row.checked_at)!,
  outcome: row.outcome,
  reason: row.reason as linkChecks.LinkCheck['reason'],
  messageZh: row.message_zh,
  messageEn: row.message_en,
  statusCode: row.status_code,
  finalUrl: row.final_url,
  redirects: row.redirects,
  ms: row.ms,
})

export const presentRow = (row: ListRow, now: Date): linkChecks.LinkCheckRow => ({
  ...presentCheck(row),
  resourceId: row.resource_id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  owner: row.owner_id && row.owner_name ? { id: row.owner_id, name: row.owner_name } : null,
  state: presentState(row, now),
})

export const presentRun = (row: RunRow): linkChecks.LinkCheckRun => ({
  id: row.id,
  trigger: row.trigger,
  scope: row.scope,
  status: row.status,
  startedAt: iso(row.started_at)!,
  finishedAt: iso(row.finished_at),
  startedBy: row.started_by && row.started_by_name ? { id: row.started_by, name: row.started_by_name } : null,
  resources: row.resources,
  urls: row.urls,
  ok: row.ok,
  broken: row.broken,
  needsPerson: row.needs_person,
  soft404: row.soft_404,
  flagged: row.flagged,
})
