import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'

/**
 * The topic queues a library's desk starts with, like the separate WeChat groups they replace:
 * general reference (guests welcome), purchase suggestions (handed out automatically) and
 * document services.
 */
export const DEMO_QUEUES = [
  { code: 'reference', nameZh: '参考咨询', nameEn: 'Reference', allowGuests: true, assignment: 'claim' },
  {
    code: 'purchase',
    nameZh: '图书荐购',
    nameEn: 'Purchase suggestions',
    allowGuests: false,
    assignment: 'auto',
  },
  {
    code: 'documents',
    nameZh: '文献服务',
    nameEn: 'Document services',
    allowGuests: false,
    assignment: 'claim',
  },
] as const

export const seedDemoReferenceDesk = async (trx: Kysely<DB>, libraryId: string) => {
  await trx
    .insertInto('reference_queues')
    .values(
      DEMO_QUEUES.map((queue, position) => ({
        id: uuidv7(),
        library_id: libraryId,
        code: queue.code,
        name_zh: queue.nameZh,
        name_en: queue.nameEn,
        allow_guests: queue.allowGuests,
        assignment: queue.assignment,
        position,
      })),
    )
    .execute()
}
