import { rmSync } from 'node:fs'
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { listFiles, makeFilesDir, PDF } from './files.fixtures.ts'
import { blobPath, keep, receive, sweepTemp, TooLarge } from './files.storage.ts'

const dir = makeFilesDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('file storage', () => {
  it('stops an endless upload at the limit and removes what it wrote', async () => {
    let sent = 0
    const endless = new Readable({
      read() {
        sent += 4096
        this.push(Buffer.alloc(4096, 0x41))
      },
    })
    await expect(receive(dir, endless, 100_000)).rejects.toBeInstanceOf(TooLarge)
    expect(sent).toBeLessThan(1_000_000)
    expect(listFiles(dir)).toEqual([])
  })

  it('keeps content under its hash, once', async () => {
    const first = await receive(dir, Readable.from([PDF.subarray(0, 10), PDF.subarray(10)]), 1024)
    const second = await receive(dir, Readable.from([PDF]), 1024)
    expect(second.sha256).toBe(first.sha256)
    expect(first.size).toBe(PDF.length)
    await keep(dir, first)
    await keep(dir, second)
    const path = blobPath(dir, first.sha256)
    expect(listFiles(dir)).toEqual([path.slice(dir.length + 1)])
    expect((await readFile(path)).equals(PDF)).toBe(true)
  })

  it('sweeps temporary files left by a crash, but not ones still being written', async () => {
    await mkdir(join(dir, 'tmp'), { recursive: true })
    const stale = join(dir, 'tmp', 'stale.part')
    const fresh = join(dir, 'tmp', 'fresh.part')
    await writeFile(stale, 'x')
    await writeFile(fresh, 'y')
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000)
    await utimes(stale, twoDaysAgo, twoDaysAgo)
    await sweepTemp(dir, new Date())
    expect(listFiles(dir).filter((path) => path.startsWith('tmp/'))).toEqual(['tmp/fresh.part'])
  })
})
