import { describe, expect, it } from 'vitest'
import { formData } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const get = async (cookie: string, url: string) => t.request({ method: 'GET', url, cookie })

describe('catalogue search', () => {
  it('finds items by Chinese words, barcode, ISBN, call number and a title with a typo', async () => {
    const reader = await t.as('reader')
    const words = (await get(reader, `/api/catalogue/items?q=${encodeURIComponent('计算机 系统')}`)).json()
    expect(words.items[0].title).toBe('深入理解计算机系统（原书第3版）')
    expect(words.locations.length).toBeGreaterThan(0)
    const isbn = (await get(reader, '/api/catalogue/items?q=978-7-302-42328-7')).json()
    expect(isbn.items.every((item: { title: string }) => item.title === '机器学习')).toBe(true)
    expect(isbn.items).toHaveLength(3)
    const barcode = isbn.items[0].barcode
    expect((await get(reader, `/api/catalogue/items?q=${barcode}`)).json().items[0].barcode).toBe(barcode)
    const call = (await get(reader, '/api/catalogue/items?q=TP181')).json()
    expect(call.items[0].title).toBe('机器学习')
    const typo = (
      await get(reader, `/api/catalogue/items?q=${encodeURIComponent('深入理解计算机糸统')}`)
    ).json()
    expect(typo.items[0]?.title).toBe('深入理解计算机系统（原书第3版）')
  })

  it('puts the exact barcode or ISBN first, also when the other matches have no ISBN', async () => {
    const librarian = await t.as('librarian', 'tongji')
    // Theses, journals and old books often come without ISBN; they must not jump the queue.
    const csv =
      '条码号,题名,ISBN\nZ100,数据库系统概论,9787040406641\nZ200,Z100 实验手册,\nZ300,Z100 习题解答,\n'
    const preview = await t.request({
      method: 'POST',
      url: '/api/catalogue/imports',
      cookie: librarian,
      ...(await formData(Buffer.from(csv), 'items.csv', 'text/csv')),
    })
    await t.request({
      method: 'POST',
      url: `/api/catalogue/imports/${preview.json().id}/apply`,
      cookie: librarian,
    })
    const byBarcode = (await get(librarian, '/api/catalogue/items?q=Z100')).json()
    const barcodes = byBarcode.items.map((item: { barcode: string }) => item.barcode)
    expect(barcodes[0]).toBe('Z100')
    expect([...barcodes].sort()).toEqual(['Z100', 'Z200', 'Z300'])
    const byIsbn = (await get(librarian, '/api/catalogue/items?q=978-7-04-040664-1')).json()
    expect(byIsbn.items.map((item: { barcode: string }) => item.barcode)).toEqual(['Z100'])
  })

  it('filters and pages, and refuses a made-up page position', async () => {
    const reader = await t.as('reader')
    const first = (await get(reader, '/api/catalogue/items?status=on_loan&limit=2')).json()
    expect(first.items).toHaveLength(2)
    expect(first.items.every((item: { status: string }) => item.status === 'on_loan')).toBe(true)
    const next = (
      await get(reader, `/api/catalogue/items?status=on_loan&limit=2&cursor=${first.nextCursor}`)
    ).json()
    expect(next.items[0].id).not.toBe(first.items[0].id)
    expect((await get(reader, '/api/catalogue/items?cursor=abc')).statusCode).toBe(400)
  })

  it('shows each library its own items; a consortium admin names the library', async () => {
    const fudan = (await get(await t.as('reader', 'fudan'), '/api/catalogue/items?limit=200')).json()
    expect(fudan.items.every((item: { barcode: string }) => item.barcode.startsWith('FUDAN'))).toBe(true)
    const sjtuId = t.world.libraries.find((library) => library.code === 'sjtu')!.id
    const foreign = await get(await t.as('reader', 'fudan'), `/api/catalogue/items?libraryId=${sjtuId}`)
    expect(foreign.statusCode).toBe(404)
    const admin = await t.as('consortium_admin')
    expect((await get(admin, '/api/catalogue/items')).statusCode).toBe(400)
    const chosen = (await get(admin, `/api/catalogue/items?libraryId=${sjtuId}&limit=200`)).json()
    expect(chosen.items.every((item: { barcode: string }) => item.barcode.startsWith('SJTU'))).toBe(true)
  })
})

describe('holdings check', () => {
  it('finds copies by ISBN written any common way, with shelves and how many are in', async () => {
    const reader = await t.as('reader')
    const response = (await get(reader, '/api/catalogue/holdings?isbn=7-04-039663-7')).json()
    expect(response.matchedBy).toBe('isbn')
    expect(response.holdings).toEqual([
      expect.objectContaining({
        title: '高等数学（第七版）上册',
        copies: 3,
        available: 2,
        isbn: '9787040396638',
      }),
    ])
    expect(response.holdings[0].shelves).toEqual([
      { location: '主馆 自然科学书库（3楼）', callNumber: 'O13/T67' },
    ])
  })

  it('falls back to a close title when the ISBN is of another edition or missing', async () => {
    const reader = await t.as('reader')
    const edition = (
      await get(
        reader,
        `/api/catalogue/holdings?isbn=9787111213826&title=${encodeURIComponent('深入理解计算机系统')}`,
      )
    ).json()
    expect(edition.matchedBy).toBe('title')
    expect(edition.holdings[0].title).toBe('深入理解计算机系统（原书第3版）')
    const none = (
      await get(reader, `/api/catalogue/holdings?title=${encodeURIComponent('量子场论导引')}`)
    ).json()
    expect(none).toEqual({ matchedBy: null, holdings: [] })
  })

  it('refuses an invalid ISBN with a field problem in the reader’s language', async () => {
    const response = await get(await t.as('reader'), '/api/catalogue/holdings?isbn=9787302423288')
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json().errors[0]).toMatchObject({ path: 'query.isbn', message: 'ISBN 无效' })
  })
})
