import { similarityChecks } from '@shuqiao/contracts'
import type { BatchRow, EventRow, ThesisRow } from './similarity-checks.repository.ts'

const { allowedFrom } = similarityChecks

type Thesis = similarityChecks.Thesis
type ThesisStatus = similarityChecks.ThesisStatus

/** Whether the caller sees a thesis as its library's staff or as its author. */
export type Viewpoint = 'staff' | 'reader'

/** Hundredths of a percent to a percent: 1230 → 12.3. */
export const percent = (bp: number) => bp / 100

const file = (
  id: string | null,
  name: string | null,
  size: number | null,
  mediaType: string | null,
  sha256: string | null,
  createdAt: Date | null,
) =>
  id && name !== null && size !== null && mediaType && sha256 && createdAt
    ? { id, name, size, mediaType, sha256, createdAt: createdAt.toISOString() }
    : null

export const presentBatch = (row: BatchRow, today: string): similarityChecks.Batch => {
  const counts = {
    total: row.total ?? 0,
    waiting: row.waiting ?? 0,
    submitted: row.submitted ?? 0,
    checked: row.checked ?? 0,
    passed: row.passed ?? 0,
    failed: (row.checked ?? 0) - (row.passed ?? 0),
    returned: row.returned ?? 0,
    withdrawn: row.withdrawn ?? 0,
  }
  return {
    id: row.id,
    libraryId: row.library_id,
    name: row.name,
    degree: row.degree,
    origin: row.origin,
    source: row.source,
    service: row.service,
    serviceNote: row.service_note,
    thresholdPercent: percent(row.threshold_bp),
    dueDate: row.due_date,
    notes: row.notes,
    createdBy: row.created_by && row.creator_name ? { id: row.created_by, name: row.creator_name } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    counts,
    overdue: row.due_date !== null && row.due_date < today && counts.waiting + counts.submitted > 0,
  }
}

export const allowedActions = (status: ThesisStatus, viewpoint: Viewpoint) =>
  viewpoint === 'staff'
    ? allowedFrom(status).map((transition) => ({
        action: transition.action as similarityChecks.ThesisAction,
        to: transition.to,
        needsPercent: transition.needsPercent ?? false,
        needsReason: transition.needsReason ?? false,
      }))
    : []

export const presentThesis = (row: ThesisRow, viewpoint: Viewpoint): Thesis => ({
  id: row.id,
  batchId: row.batch_id,
  libraryId: row.library_id,
  readerNumber: row.reader_number,
  authorName: row.author_name,
  title: row.title,
  supervisor: row.supervisor,
  departmentId: row.department_id,
  department: row.department_name,
  major: row.major,
  degree: row.degree,
  account: row.account_id && row.account_name ? { id: row.account_id, name: row.account_name } : null,
  status: row.status,
  attempt: row.attempt,
  similarityPercent: row.similarity_bp === null ? null : percent(row.similarity_bp),
  passed: row.similarity_bp === null ? null : row.similarity_bp <= row.threshold_bp,
  reason: row.reason,
  thesisFile: file(
    row.thesis_file_id,
    row.tf_name,
    row.tf_size,
    row.tf_media_type,
    row.tf_sha256,
    row.tf_created_at,
  ),
  reportFile: file(
    row.report_file_id,
    row.rf_name,
    row.rf_size,
    row.rf_media_type,
    row.rf_sha256,
    row.rf_created_at,
  ),
  submittedAt: row.submitted_at?.toISOString() ?? null,
  checkedAt: row.checked_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  allowedActions: allowedActions(row.status, viewpoint),
})

export const presentEvent = (row: EventRow): similarityChecks.ThesisEvent => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: row.actor_id && row.actor_name ? { id: row.actor_id, name: row.actor_name } : null,
  action: row.action,
  fromStatus: row.from_status,
  toStatus: row.to_status,
  attempt: row.attempt,
  similarityPercent: row.similarity_bp === null ? null : percent(row.similarity_bp),
  reportFile: file(
    row.report_file_id,
    row.f_name,
    row.f_size,
    row.f_media_type,
    row.f_sha256,
    row.f_created_at,
  ),
  note: row.note,
})

export const presentDetail = (
  row: ThesisRow,
  events: EventRow[],
  viewpoint: Viewpoint,
): similarityChecks.ThesisDetail => ({
  ...presentThesis(row, viewpoint),
  batch: {
    id: row.batch_id,
    name: row.batch_name,
    degree: row.batch_degree,
    service: row.batch_service,
    serviceNote: row.batch_service_note,
    thresholdPercent: percent(row.threshold_bp),
    dueDate: row.batch_due_date,
  },
  events: events.filter((event) => event.thesis_id === row.id).map(presentEvent),
})
