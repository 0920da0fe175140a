// What other modules use: announce a change in its transaction, declare an event's wording.
import './platform-notices.ts'

export { defineNoticeTemplate, type NoticeTemplate } from './notice-templates.ts'
export { createNoticeWorker, type NoticeWorker } from './notice-worker.ts'
export { enqueueNotice, type NoticeInput } from './outbox.ts'
