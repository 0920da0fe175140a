import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { defineNoticeTemplate, enqueueNotice } from '../../platform/notifications/notices.ts'

// What readers are told while their requested items are pulled: found (book a pickup) or not found.

defineNoticeTemplate('circulation.item_found', {
  label: { zh: '预约的图书已找到，请预约取书', en: 'A requested item is ready: book a pickup' },
  zh: {
    subject: '您预约的《{{title}}》已备好，请预约取书时段',
    body: [
      '{{name}}，您好：',
      '',
      '您预约的《{{title}}》（{{barcode}}）已从书库取出，在{{point}}为您保留到 {{holdUntil}}。',
      '请在{{library}}读者门户的“我的预约借书”中预约取书时段，凭取书码到馆取书。',
    ].join('\n'),
  },
  en: {
    subject: '“{{title}}” is ready: book a pickup slot',
    body: [
      'Dear {{name}},',
      '',
      '“{{title}}” ({{barcode}}) has been pulled from the stacks and is held for you at {{pointEn}} until {{holdUntil}}.',
      'Book a pickup slot under “My borrow requests” in the {{library}} reader portal and bring your pickup code.',
    ].join('\n'),
  },
})

defineNoticeTemplate('circulation.item_not_found', {
  label: { zh: '预约的图书未能找到', en: 'A requested item could not be found' },
  zh: {
    subject: '抱歉，未能找到您预约的《{{title}}》',
    body: [
      '{{name}}，您好：',
      '',
      '馆员未能在书架上找到您预约的《{{title}}》（{{barcode}}）。这一册不会为您保留；如仍需要，请联系{{library}}。',
    ].join('\n'),
  },
  en: {
    subject: 'Sorry, “{{title}}” could not be found',
    body: [
      'Dear {{name}},',
      '',
      'Library staff could not find “{{title}}” ({{barcode}}) on the shelf, so it will not be held for you. If you still need it, contact {{library}}.',
    ].join('\n'),
  },
})

/** Tells the reader a requested item was found (and to book a pickup) or not found. */
export const announcePulled = (
  trx: Kysely<DB>,
  line: {
    libraryId: string
    lineId: string
    readerId: string
    readerName: string
    title: string
    barcode: string
    found: boolean
    point: { zh: string; en: string }
    holdUntil: string | null
  },
) =>
  enqueueNotice(trx, {
    libraryId: line.libraryId,
    event: line.found ? 'circulation.item_found' : 'circulation.item_not_found',
    recipientAccountId: line.readerId,
    dedupeKey: `borrow-line:${line.lineId}`,
    data: {
      name: line.readerName,
      title: line.title,
      barcode: line.barcode,
      point: line.point.zh,
      pointEn: line.point.en,
      holdUntil: line.holdUntil ?? '',
    },
  })
