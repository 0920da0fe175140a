import type { RequestType, requests } from '@shuqiao/contracts'
import type { EventRow, RequestRow } from './requests.repository.ts'

/** Whether the caller sees the request as its reader or as staff of its library. */
export type Viewpoint = 'reader' | 'staff'

export const allowedActions = (type: RequestType, status: string, viewpoint: Viewpoint) =>
  type.transitions
    .filter((transition) => transition.by === viewpoint && transition.from.includes(status))
    .map((transition) => ({
      action: transition.action,
      to: transition.to,
      needsReason: transition.needsReason ?? false,
      needsFile: transition.needsFile ?? false,
    }))

export const presentRequest = (
  row: RequestRow,
  type: RequestType,
  viewpoint: Viewpoint,
  today: string,
): requests.ServiceRequest => ({
  id: row.id,
  number: row.number,
  type: row.type as requests.ServiceRequest['type'],
  status: row.status,
  libraryId: row.library_id,
  reader: {
    id: row.reader_id,
    name: row.reader_name,
    readerNumber: row.reader_number,
    departmentId: row.department_id,
  },
  form: row.form,
  subjectId: row.subject_id,
  assignee:
    row.assignee_id && row.assignee_name && row.assignee_number
      ? { id: row.assignee_id, name: row.assignee_name, readerNumber: row.assignee_number }
      : null,
  feeFen: row.fee_fen,
  submittedAt: row.submitted_at.toISOString(),
  dueDate: row.due_date,
  overdue: row.closed_at === null && row.due_date < today,
  closedAt: row.closed_at?.toISOString() ?? null,
  allowedActions: allowedActions(type, row.status, viewpoint),
})

export const presentEvent = (row: EventRow): requests.RequestEvent => ({
  id: row.id,
  at: row.at.toISOString(),
  actor:
    row.actor_id && row.actor_name && row.actor_number
      ? { id: row.actor_id, name: row.actor_name, readerNumber: row.actor_number }
      : null,
  kind: row.kind,
  action: row.action,
  fromStatus: row.from_status,
  toStatus: row.to_status,
  note: row.note,
  internal: row.internal,
  fileIds: row.file_ids,
  formChanges: row.form_changes,
})
