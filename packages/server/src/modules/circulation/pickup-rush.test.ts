import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { addItems, addReader, setClock } from './circulation.fixtures.ts'
import { POINT_CHANGED_CHANNEL } from './pickup-booking.ts'
import { addPickupPoint, itemIdsOf, pullAll, readerOf } from './pickups.fixtures.ts'

// A rush right after readers opened the slot list is answered from what the list taught the
// process; these check that what it remembers never costs a reader a place that is free.
const t = useTestApp()

const ITEMS = [
  '条码号,题名,责任者,索书号,馆藏地,文献类型,流通状态',
  'R0001,预约高峰图书甲,王明,TP311/R1,主馆 3楼,中文图书,在架',
  'R0002,预约高峰图书乙,王明,TP311/R2,主馆 3楼,中文图书,在架',
  'R0003,预约高峰图书丙,王明,TP311/R3,主馆 3楼,中文图书,在架',
].join('\n')

// Monday 1 March 2027, 09:00 in Shanghai; the lobby opens 14:00–16:00 on weekdays, two per slot.
const MONDAY = '2027-03-01T09:00:00+08:00'
const at = (local: string) => new Date(`${local}+08:00`).toISOString()

let lobby: string
const readers: ReturnType<typeof readerOf>[] = []

beforeAll(async () => {
  setClock(t, MONDAY)
  await addItems(t, 'sjtu', ITEMS)
  lobby = await addPickupPoint(t, 'sjtu')
  for (const [n, barcode] of ['R0001', 'R0002', 'R0003'].entries()) {
    const readerNumber = `R202100${n + 1}`
    await addReader(t, 'sjtu', { readerNumber, name: `高峰读者${n + 1}`, type: 'student' })
    const reader = readerOf(t, await t.signIn(readerNumber, 'sjtu', 'reader-password-1'))
    const asked = await reader.request(await itemIdsOf(t, [barcode]), lobby)
    expect(asked.statusCode, asked.body).toBe(201)
    readers.push(reader)
  }
  await pullAll(t, ['R0001', 'R0002', 'R0003'])
})

const openSlotList = async () => {
  const list = await t.request({
    method: 'GET',
    url: `/api/circulation/pickup-points/${lobby}/slots`,
    cookie: await t.as('reader'),
  })
  expect(list.statusCode, list.body).toBe(200)
}

/** Places taken or given back at the database, as through another process. */
const setBooked = (local: string, booked: number) =>
  t.ctx.db
    .insertInto('pickup_slots')
    .values({
      id: crypto.randomUUID(),
      library_id: t.world.libraries.find((library) => library.code === 'sjtu')!.id,
      pickup_point_id: lobby,
      starts_at: new Date(at(local)),
      booked,
    })
    .onConflict((conflict) => conflict.columns(['pickup_point_id', 'starts_at']).doUpdateSet({ booked }))
    .execute()

describe('a rush after the slot list was opened', () => {
  it('refuses from the list, with its own bookings counted, and books a place given back at once', async () => {
    setClock(t, MONDAY)
    const [first, second, third] = readers as [
      ReturnType<typeof readerOf>,
      ReturnType<typeof readerOf>,
      ReturnType<typeof readerOf>,
    ]
    await openSlotList()
    // Since the list was read, another process filled 14:00 without this one hearing of it.
    await setBooked('2027-03-01T14:00:00', 2)

    // A booking here takes one of 14:30's two places.
    expect((await first.book(lobby, at('2027-03-01T14:30:00'))).statusCode).toBe(201)
    // 14:00 looked free from the list: the booking tries, the database refuses it, and the
    // suggestions count the place just taken at 14:30.
    const refused = await second.book(lobby, at('2027-03-01T14:00:00'))
    expect(refused.json()).toMatchObject({ status: 409, code: 'slot_full' })
    expect(refused.json().nextFree[0]).toMatchObject({ time: '14:30', free: 1 })
    expect(refused.json().nextFree.map((slot: { startsAt: string }) => slot.startsAt)).not.toContain(
      at('2027-03-01T14:00:00'),
    )
    // The next reader for 14:00 is refused without trying, with the same suggestions.
    const again = await third.book(lobby, at('2027-03-01T14:00:00'))
    expect(again.json()).toMatchObject({ code: 'slot_full', nextFree: refused.json().nextFree })

    // A place given back anywhere is announced, and bookable here at once.
    await setBooked('2027-03-01T14:00:00', 1)
    await t.ctx.events.publish(POINT_CHANGED_CHANNEL, lobby)
    expect((await third.book(lobby, at('2027-03-01T14:00:00'))).statusCode).toBe(201)
    const full = await second.book(lobby, at('2027-03-01T14:00:00'))
    expect(full.json().code).toBe('slot_full')

    const rows = await t.ctx.db
      .selectFrom('pickup_slots')
      .select(['starts_at', 'booked'])
      .where('pickup_point_id', '=', lobby)
      .orderBy('starts_at')
      .execute()
    expect(rows.map((row) => [row.starts_at.toISOString(), row.booked])).toEqual([
      [at('2027-03-01T14:00:00'), 2],
      [at('2027-03-01T14:30:00'), 1],
    ])
  })
})
