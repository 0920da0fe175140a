import type { referenceDesk } from '@shuqiao/contracts'
import type { FaqRow } from './faq.repository.ts'

export const presentFaq = (row: FaqRow): referenceDesk.FaqArticle => ({
  id: row.id,
  topic:
    row.queue_id && row.queue_code
      ? { id: row.queue_id, code: row.queue_code, nameZh: row.queue_name_zh!, nameEn: row.queue_name_en! }
      : null,
  questionZh: row.question_zh,
  answerZh: row.answer_zh,
  questionEn: row.question_en,
  answerEn: row.answer_en,
  visibility: row.visibility,
})

export const presentManagedFaq = (row: FaqRow): referenceDesk.ManagedFaqArticle => ({
  ...presentFaq(row),
  libraryId: row.library_id,
  status: row.status,
  position: row.position,
  updatedAt: new Date(row.updated_at).toISOString(),
})

/** What the audit log keeps of an article. */
export const faqSnapshot = (article: referenceDesk.ManagedFaqArticle) => ({
  queueId: article.topic?.id ?? null,
  questionZh: article.questionZh,
  answerZh: article.answerZh,
  questionEn: article.questionEn,
  answerEn: article.answerEn,
  visibility: article.visibility,
  status: article.status,
  position: article.position,
})
