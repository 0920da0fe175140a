import type { replyTemplates } from '@shuqiao/contracts'
import type { TemplateRow } from './reply-templates.repository.ts'

const person = (id: string | null, name: string | null, readerNumber: string | null) =>
  id && name && readerNumber ? { id, name, readerNumber } : null

export const presentTemplate = (row: TemplateRow): replyTemplates.ReplyTemplate => ({
  id: row.id,
  libraryId: row.library_id,
  personal: row.owner_id !== null,
  owner: person(row.owner_id, row.owner_name, row.owner_number),
  type: row.type as replyTemplates.ReplyTemplate['type'],
  action: row.action,
  titleZh: row.title_zh,
  titleEn: row.title_en,
  bodyZh: row.body_zh,
  bodyEn: row.body_en,
  updatedAt: row.updated_at.toISOString(),
  updatedBy: person(row.updated_by, row.editor_name, row.editor_number),
})

/** What the audit log keeps of a template (the editor and times are the audit row itself). */
export const auditSnapshot = (template: replyTemplates.ReplyTemplate) => ({
  personal: template.personal,
  requestType: template.type,
  action: template.action,
  titleZh: template.titleZh,
  titleEn: template.titleEn,
  bodyZh: template.bodyZh,
  bodyEn: template.bodyEn,
})
