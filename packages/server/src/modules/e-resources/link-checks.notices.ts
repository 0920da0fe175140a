import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { defineNoticeTemplate, enqueueNotice } from '../../platform/notifications/notices.ts'

// What a resource's owner is told when its link keeps failing (R5).

defineNoticeTemplate('e_resource.link_broken', {
  label: { zh: '电子资源链接连续检查失败', en: 'An e-resource’s link keeps failing its checks' },
  zh: {
    subject: '“{{resource}}”的链接已连续 {{failures}} 次检查失败',
    body: '{{name}}，您好：\n\n您负责的电子资源“{{resource}}”的地址 {{url}} 已连续 {{failures}} 次检查失败。最近一次：{{reasonZh}}\n\n请到{{library}}馆员工作台的“链接检查”页面核对并修改地址；如果是误报，可以标记为误报，并指定几天后再检查。',
  },
  en: {
    subject: 'The link of “{{resourceEn}}” has failed {{failures}} checks in a row',
    body: 'Dear {{name}},\n\nThe address {{url}} of “{{resourceEn}}”, an e-resource you look after, has failed {{failures}} checks in a row. The latest: {{reasonEn}}\n\nCheck it and correct the address under “Link checks” in the {{library}} staff console; if it is a false alarm, dismiss it and choose when to check again.',
  },
})

export interface FlaggedResource {
  libraryId: string
  resourceId: string
  nameZh: string
  nameEn: string | null
  ownerId: string | null
  ownerName: string | null
  url: string
  failures: number
  reason: { zh: string; en: string }
  flaggedSince: Date
}

/**
 * Tells the owner (inbox, and e-mail when they have an address and mail is configured) and the
 * library's channels subscribed to the event; written in the transaction that flags the resource.
 */
export const announceFlagged = (trx: Kysely<DB>, flagged: FlaggedResource) =>
  enqueueNotice(trx, {
    libraryId: flagged.libraryId,
    event: 'e_resource.link_broken',
    recipientAccountId: flagged.ownerId,
    dedupeKey: `link_broken:${flagged.resourceId}:${flagged.flaggedSince.toISOString()}`,
    data: {
      name: flagged.ownerName ?? '',
      resource: flagged.nameZh,
      resourceEn: flagged.nameEn ?? flagged.nameZh,
      url: flagged.url,
      failures: flagged.failures,
      reasonZh: flagged.reason.zh,
      reasonEn: flagged.reason.en,
    },
  })
