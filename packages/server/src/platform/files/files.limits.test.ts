import { rmSync } from 'node:fs'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import type { Caller } from '../../http/caller.ts'
import { useTestApp } from '../../test/test-app.ts'
import { formData, listFiles, makeFilesDir, PDF } from './files.fixtures.ts'
import { storeUpload } from './files.service.ts'

const dir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: dir, FILE_MAX_BYTES: '1024', FILE_UPLOADS_PER_HOUR: '3' })
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const pdfOfSize = (size: number) => Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)])

const upload = async (cookie: string, content: Buffer) =>
  t.request({ method: 'POST', url: '/api/files', cookie, ...(await formData(content, 'big.pdf')) })

const rowCount = async () => (await t.ctx.db.selectFrom('files').select('id').execute()).length

describe('upload limits', () => {
  it('refuses a file over the limit while streaming, leaving no row and no stray file', async () => {
    const reader = await t.as('reader')
    // The demo data keeps files of its own (a reserve item's PDF); none is added.
    const rowsBefore = await rowCount()
    for (const size of [1025, 200_000]) {
      const response = await upload(reader, pdfOfSize(size))
      expect(response.statusCode).toBe(413)
      expect(response.json().code).toBe('file_too_large')
      expect(response.json().detail).toContain('1024')
      expect(response.headers.connection).toBe('close')
    }
    expect(await rowCount()).toBe(rowsBefore)
    expect(listFiles(dir)).toEqual([])
    const librarian = await t.as('librarian')
    await t.request({ method: 'PATCH', url: '/api/me', cookie: librarian, payload: { language: 'en' } })
    const english = await upload(librarian, pdfOfSize(2000))
    expect(english.json().detail).toBe('The file is too large; the limit is 1024 bytes.')
  })

  it('accepts a file of exactly the limit', async () => {
    const response = await upload(await t.as('reader'), pdfOfSize(1024))
    expect(response.statusCode).toBe(201)
    expect(response.json().size).toBe(1024)
  })

  it('limits uploads per account per hour', async () => {
    const librarian = await t.as('subject_librarian')
    for (let i = 0; i < 3; i++) expect((await upload(librarian, pdfOfSize(100 + i))).statusCode).toBe(201)
    const blocked = await upload(librarian, pdfOfSize(200))
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().code).toBe('too_many_uploads')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3000)
    expect((await upload(await t.as('reader'), pdfOfSize(300))).statusCode).toBe(201)
  })

  it('neither checks nor counts uploads a route bounds itself', async () => {
    const library = t.world.libraries[0]!
    const caller: Caller = {
      sessionId: 'test',
      accountId: library.accounts.library_admin!,
      consortiumId: t.world.consortiumId,
      libraryId: library.id,
      roles: new Set(['library_admin']),
      subjectDepartmentIds: [],
      language: 'zh-CN',
      via: 'password',
    }
    for (let i = 0; i < 5; i++)
      await storeUpload(t.ctx, caller, Readable.from([pdfOfSize(400 + i)]), {
        filename: `${i}.pdf`,
        policy: { kinds: ['pdf'] },
        rateLimited: false,
      })
    expect((await upload(await t.as('library_admin'), pdfOfSize(500))).statusCode).toBe(201)
  })
})
