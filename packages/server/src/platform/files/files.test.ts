import { rmSync } from 'node:fs'
import { Readable } from 'node:stream'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, describe, expect, it } from 'vitest'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { useTestApp } from '../../test/test-app.ts'
import { gbk } from '../spreadsheets/gbk.fixtures.ts'
import {
  DOCX,
  EXE,
  formData,
  listFiles,
  makeFilesDir,
  PDF,
  PNG,
  rawMultipart,
  TEXT,
  XLSX,
} from './files.fixtures.ts'
import { attachFile, registerFileAccess, storeUpload } from './files.service.ts'
import { blobPath } from './files.storage.ts'

const dir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: dir })
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Who may read files attached to a `test_owner` row: whoever this test granted, per owner id.
const grants = new Set<string>()
registerFileAccess('test_owner', async (_ctx, caller, ownerId) =>
  grants.has(`${ownerId}:${caller.accountId}`),
)

const upload = async (cookie: string, body: { payload: Buffer; headers: Record<string, string> }) =>
  t.request({ method: 'POST', url: '/api/files', cookie, ...body })

const uploadAs = async (cookie: string, content: Buffer, name: string, type?: string) => {
  const response = await upload(cookie, await formData(content, name, type))
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; name: string; size: number; mediaType: string; sha256: string }
}

const download = (cookie: string | undefined, id: string) =>
  t.request({ method: 'GET', url: `/api/files/${id}`, cookie })

const countRows = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('files')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const sjtu = () => t.world.libraries[0]!
const readerId = () => sjtu().accounts.reader!

describe('uploads', () => {
  it('stores a PDF by its content and answers with what was detected', async () => {
    const file = await uploadAs(await t.as('reader'), PDF, '读者须知.pdf', 'application/pdf')
    expect(file).toMatchObject({ name: '读者须知.pdf', size: PDF.length, mediaType: 'application/pdf' })
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(listFiles(dir)).toContain(`${file.sha256.slice(0, 2)}/${file.sha256.slice(2, 4)}/${file.sha256}`)
  })

  it('keeps identical content once, with a row per upload', async () => {
    const reader = await t.as('reader')
    const first = await uploadAs(reader, PNG, 'scan.png')
    const second = await uploadAs(await t.as('librarian'), PNG, 'copy.png')
    expect(second.id).not.toBe(first.id)
    expect(second.sha256).toBe(first.sha256)
    expect(listFiles(dir).filter((path) => path.endsWith(first.sha256))).toHaveLength(1)
  })

  it('goes by the content, not the name or declared type: a fake PDF is refused', async () => {
    const before = await countRows()
    const blobs = listFiles(dir)
    const response = await upload(await t.as('reader'), await formData(EXE, 'thesis.pdf', 'application/pdf'))
    expect(response.statusCode).toBe(415)
    expect(response.json().code).toBe('file_type_not_allowed')
    expect(response.json().detail).toContain('exe')
    expect(response.json().detail).toContain('pdf, docx, xlsx, jpeg, png, txt')
    expect(await countRows()).toBe(before)
    expect(listFiles(dir)).toEqual(blobs)
  })

  it('refuses binary content that is no known kind, and archives unless a module asks for them', async () => {
    const reader = await t.as('reader')
    const binary = await upload(reader, await formData(Buffer.from([1, 0, 2, 0, 3, 255]), 'notes.txt'))
    expect(binary.statusCode).toBe(415)
    const caller = await callerOf('reader')
    const zip = Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64')
    await expect(
      storeUpload(t.ctx, caller, Readable.from([zip]), { filename: 'a.zip', policy: { kinds: ['pdf'] } }),
    ).rejects.toMatchObject({ code: 'file_type_not_allowed' })
    const kept = await storeUpload(t.ctx, caller, Readable.from([zip]), {
      filename: 'a.zip',
      policy: { kinds: ['zip'] },
    })
    expect(kept.mediaType).toBe('application/zip')
    await expect(
      storeUpload(t.ctx, caller, Readable.from([TEXT]), { filename: 'x.pdf', policy: { kinds: ['pdf'] } }),
    ).rejects.toMatchObject({ code: 'file_type_not_allowed' })
  })

  it('accepts UTF-8 text, and gives a name the extension of what the content is', async () => {
    const reader = await t.as('reader')
    expect(await uploadAs(reader, TEXT, '须知')).toMatchObject({ name: '须知.txt', mediaType: 'text/plain' })
    expect((await uploadAs(reader, PDF, 'report.exe')).name).toBe('report.exe.pdf')
  })

  it('takes text as Chinese Windows saves it, GBK or UTF-16, keeps its bytes and names its encoding on download', async () => {
    const reader = await t.as('reader')
    const list = gbk('学号,姓名\r\n2020001,李明\r\n')
    const unicode = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('学号\t姓名\r\n', 'utf16le')])
    for (const [content, charset] of [
      [list, 'gb18030'],
      [unicode, 'utf-16le'],
    ] as const) {
      const file = await uploadAs(reader, content, '名单.csv')
      expect(file).toMatchObject({ name: '名单.csv', mediaType: 'text/plain', size: content.length })
      const response = await download(reader, file.id)
      expect(response.headers['content-type']).toBe(`text/plain; charset=${charset}`)
      expect(response.rawPayload.equals(content)).toBe(true)
    }
    // Control characters that text never holds still mark bytes as binary.
    const binary = await upload(
      reader,
      await formData(Buffer.from([0xcc, 0xf5, 0x01, 0x02, 0xc2, 0xeb]), 'a.csv'),
    )
    expect(binary.statusCode).toBe(415)
  })

  it('tells Word and Excel files apart from other zip archives', async () => {
    const reader = await t.as('reader')
    expect(await uploadAs(reader, DOCX, '论文.docx')).toMatchObject({
      name: '论文.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    })
    expect(await uploadAs(reader, XLSX, 'data.pdf')).toMatchObject({
      name: 'data.pdf.xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    })
  })

  it('neutralises path traversal and control characters in names', async () => {
    const reader = await t.as('reader')
    const names: [Buffer, string, string][] = [
      [TEXT, '../../etc/passwd', 'passwd.txt'],
      [PDF, '..\\..\\windows\\x.pdf', 'x.pdf'],
      [PDF, '/etc/shadow.pdf', 'shadow.pdf'],
      [PDF, '..', 'file.pdf'],
      [PDF, 'invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
      [PDF, `${'长'.repeat(300)}.pdf`, `${'长'.repeat(116)}.pdf`],
    ]
    for (const [content, name, expected] of names) {
      expect((await uploadAs(reader, content, name)).name, name).toBe(expected)
    }
    const withNul = await upload(reader, rawMultipart(PDF, 'filename="a\u0000b\u0007c.pdf"'))
    expect(withNul.json().name).toBe('abc.pdf')
    expect(
      listFiles(dir).every((path) => /^(tmp\/)?[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(path)),
    ).toBe(true)
  })

  it('answers requests without a file with a problem', async () => {
    const reader = await t.as('reader')
    const json = await t.request({ method: 'POST', url: '/api/files', cookie: reader, payload: { a: 1 } })
    expect(json.statusCode).toBe(415)
    const form = new FormData()
    form.append('note', 'no file here')
    const encoded = new Response(form)
    const empty = await upload(reader, {
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type')! },
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().code).toBe('file_missing')
  })

  it('asks for a sign-in first', async () => {
    const response = await upload('', await formData(PDF, 'a.pdf'))
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('unauthenticated')
  })
})

const callerOf = async (role: 'reader' | 'librarian'): Promise<Caller> => {
  const library = sjtu()
  return {
    sessionId: 'test',
    accountId: library.accounts[role]!,
    consortiumId: t.world.consortiumId,
    libraryId: library.id,
    roles: new Set([role]),
    subjectDepartmentIds: [],
    language: 'zh-CN',
    via: 'password',
  }
}

describe('downloads', () => {
  it('gives the uploader their unattached file as a safe attachment', async () => {
    const reader = await t.as('reader')
    const file = await uploadAs(reader, PDF, '报告 "final";.pdf')
    const response = await download(reader, file.id)
    expect(response.statusCode).toBe(200)
    expect(response.rawPayload.equals(PDF)).toBe(true)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(file.name).toBe('报告 _final_;.pdf')
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="__ _final__.pdf"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    const text = await uploadAs(reader, TEXT, 'a.txt')
    expect((await download(reader, text.id)).headers['content-type']).toBe('text/plain; charset=utf-8')
    const meta = await t.request({ method: 'GET', url: `/api/files/${file.id}/meta`, cookie: reader })
    expect(meta.json()).toEqual({ ...file, createdAt: expect.any(String) })
    const head = await t.request({ method: 'HEAD', url: `/api/files/${file.id}`, cookie: reader })
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-length']).toBe(String(PDF.length))
  })

  it('answers a file whose bytes are gone with a plain 500', async () => {
    const reader = await t.as('reader')
    const file = await uploadAs(reader, Buffer.from(`lost ${uuidv7()}`), 'lost.txt')
    rmSync(blobPath(dir, file.sha256))
    const response = await download(reader, file.id)
    expect(response.statusCode).toBe(500)
    expect(response.json().code).toBe('internal_error')
    expect(response.body).not.toContain(dir)
  })

  it('answers 404 to everyone else, in this library or another', async () => {
    const file = await uploadAs(await t.as('reader'), PDF, 'mine.pdf')
    const admin = await t.as('library_admin')
    const created = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      payload: { readerNumber: '2029501', name: '另一位读者', type: 'student', password: 'good-password' },
    })
    expect(created.statusCode).toBe(201)
    const otherReader = await t.signIn('2029501', 'sjtu', 'good-password')
    for (const cookie of [
      otherReader,
      admin,
      await t.as('librarian'),
      await t.as('reader', 'fudan'),
      await t.as('consortium_admin'),
    ]) {
      expect((await download(cookie, file.id)).statusCode).toBe(404)
      const meta = await t.request({ method: 'GET', url: `/api/files/${file.id}/meta`, cookie })
      expect(meta.statusCode).toBe(404)
      expect(meta.json().code).toBe('not_found')
    }
    expect((await download(await t.as('reader'), uuidv7())).statusCode).toBe(404)
  })

  it('refuses bad ids with 400 and strangers with 401', async () => {
    const reader = await t.as('reader')
    for (const url of ['/api/files/123', '/api/files/..%2F..%2Fetc%2Fpasswd', '/api/files/123/meta']) {
      const response = await t.request({ method: 'GET', url, cookie: reader })
      expect(response.statusCode, url).toBe(400)
      expect(response.json().code).toBe('validation_failed')
    }
    const file = await uploadAs(reader, PDF, 'a.pdf')
    expect((await download(undefined, file.id)).statusCode).toBe(401)
  })

  it('after attachment, lets the owning module decide, within the library', async () => {
    const reader = await t.as('reader')
    const librarian = await t.as('librarian')
    const file = await uploadAs(reader, PDF, 'attached.pdf')
    const ownerId = uuidv7()
    const link = { ownerKind: 'test_owner', ownerId, libraryId: sjtu().id, byAccountId: readerId() }
    await t.ctx.db.transaction().execute((trx) => attachFile(trx, file.id, link))
    expect((await download(reader, file.id)).statusCode).toBe(404)
    expect((await download(librarian, file.id)).statusCode).toBe(404)
    grants.add(`${ownerId}:${readerId()}`)
    grants.add(`${ownerId}:${sjtu().accounts.librarian}`)
    grants.add(`${ownerId}:${t.world.libraries[1]!.accounts.librarian}`)
    expect((await download(reader, file.id)).statusCode).toBe(200)
    expect((await download(librarian, file.id)).statusCode).toBe(200)
    expect((await download(await t.as('librarian', 'fudan'), file.id)).statusCode).toBe(404)
  })

  it('attaches only the uploader’s own unattached file of the same library', async () => {
    const file = await uploadAs(await t.as('reader'), PDF, 'once.pdf')
    const link = { ownerKind: 'test_owner', ownerId: uuidv7(), libraryId: sjtu().id, byAccountId: readerId() }
    const attempts = [
      { ...link, byAccountId: sjtu().accounts.librarian! },
      { ...link, libraryId: t.world.libraries[1]!.id },
      { ...link, field: 'body.attachmentIds.0' },
    ]
    const attach = (options: typeof link) =>
      t.ctx.db.transaction().execute((trx) => attachFile(trx, file.id, options))
    for (const attempt of attempts.slice(0, 2))
      await expect(attach(attempt)).rejects.toBeInstanceOf(ProblemError)
    await expect(attach(link)).resolves.toMatchObject({ ownerKind: 'test_owner', ownerId: link.ownerId })
    const again = await attach(attempts[2]!).catch((error: ProblemError) => error)
    expect(again).toMatchObject({ code: 'validation_failed' })
    expect((again as ProblemError).extra.errors?.[0]).toMatchObject({
      path: 'body.attachmentIds.0',
      code: 'file_not_attachable',
    })
  })

  it('keeps files of a kind no module registered from everyone', async () => {
    const file = await uploadAs(await t.as('reader'), PDF, 'orphan.pdf')
    const link = {
      ownerKind: 'nobody_home',
      ownerId: uuidv7(),
      libraryId: sjtu().id,
      byAccountId: readerId(),
    }
    await t.ctx.db.transaction().execute((trx) => attachFile(trx, file.id, link))
    expect((await download(await t.as('reader'), file.id)).statusCode).toBe(404)
  })
})
