import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'

type Snapshot = Record<string, unknown> | null

export interface AuditEntry {
  caller: Caller
  requestId: string
  libraryId: string | null
  action: string
  entityType: string
  entityId: string
  /** How a person recognises the entity, e.g. 李明 (2020001). */
  entityLabel: string
  /** What the entity looked like before and after, as presented (never secrets). */
  before: Snapshot
  after: Snapshot
}

/** Fields whose values differ between two snapshots, sorted. */
export const changedFields = (before: Snapshot, after: Snapshot) => {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  return [...keys].filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key])).sort()
}

/** The audit event row for one staff change: only changed fields are kept in before/after. */
export const auditEventRow = (entry: AuditEntry) => {
  const fields = changedFields(entry.before, entry.after)
  const pick = (snapshot: Snapshot) =>
    snapshot ? JSON.stringify(Object.fromEntries(fields.map((key) => [key, snapshot[key] ?? null]))) : null
  return {
    id: uuidv7(),
    consortium_id: entry.caller.consortiumId,
    library_id: entry.libraryId,
    actor_id: entry.caller.accountId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    entity_label: entry.entityLabel,
    changed_fields: fields,
    before: pick(entry.before),
    after: pick(entry.after),
    request_id: entry.requestId,
  }
}

/**
 * Records one staff change. Pass the transaction doing the change, so the audit row and the
 * change are written together or not at all. Only changed fields are kept in before/after.
 */
export const recordAudit = async (db: Kysely<DB>, entry: AuditEntry) => {
  await db.insertInto('audit_events').values(auditEventRow(entry)).execute()
}
