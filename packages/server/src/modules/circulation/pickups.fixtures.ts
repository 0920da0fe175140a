import { expect } from 'vitest'
import type { TestApp } from '../../test/test-app.ts'

/** A pickup point open Monday to Friday 14:00–16:00 in half-hour slots for two readers each. */
export const LOBBY = {
  nameZh: '主馆大厅取书点',
  nameEn: 'Main library lobby',
  windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '14:00', closes: '16:00' })),
  slotMinutes: 30,
  readersPerSlot: 2,
  leadMinutes: 60,
  daysAhead: 7,
  holdDays: 3,
  active: true,
}

/** Adds a pickup point as the library's admin; returns its id. */
export const addPickupPoint = async (t: TestApp, libraryCode: string, settings: object = LOBBY) => {
  const response = await t.request({
    method: 'POST',
    url: '/api/circulation/pickup-points',
    cookie: await t.as('library_admin', libraryCode),
    payload: settings,
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

/** Item ids of a library by barcode, as the reader finds them in the catalogue. */
export const itemIdsOf = async (t: TestApp, barcodes: string[]) => {
  const rows = await t.ctx.db
    .selectFrom('catalogue_items')
    .select(['id', 'barcode'])
    .where('barcode', 'in', barcodes)
    .execute()
  return barcodes.map((barcode) => rows.find((row) => row.barcode === barcode)!.id)
}

/** A reader's borrow and pickup calls, signed in with their cookie. */
export const readerOf = (t: TestApp, cookie: string) => ({
  request: async (itemIds: string[], pickupPointId: string) =>
    t.request({
      method: 'POST',
      url: '/api/circulation/my-borrow-requests',
      cookie,
      payload: { itemIds, pickupPointId },
    }),
  book: (pickupPointId: string, startsAt: string) =>
    t.request({
      method: 'POST',
      url: '/api/circulation/my-pickups',
      cookie,
      payload: { pickupPointId, startsAt },
    }),
  pickups: () => t.request({ method: 'GET', url: '/api/circulation/my-pickups', cookie }),
  requests: () => t.request({ method: 'GET', url: '/api/circulation/my-borrow-requests', cookie }),
})

/** Marks every requested item of the pull list found (or the given barcodes only) as a librarian. */
export const pullAll = async (t: TestApp, barcodes?: string[], libraryCode = 'sjtu') => {
  const cookie = await t.as('librarian', libraryCode)
  const list = await t.request({ method: 'GET', url: '/api/circulation/pull-list', cookie })
  for (const line of list.json().items) {
    if (barcodes && !barcodes.includes(line.item.barcode)) continue
    const marked = await t.request({
      method: 'POST',
      url: `/api/circulation/pull-list/${line.id}`,
      cookie,
      payload: { outcome: 'found' },
    })
    expect(marked.statusCode, marked.body).toBe(200)
  }
}
