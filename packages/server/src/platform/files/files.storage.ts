import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { v7 as uuidv7 } from 'uuid'
import type { Config } from '../../config/config.ts'

/** Where files live: SHUQIAO_FILES_DIR, else `files` beside the embedded database. */
export const filesDirOf = (config: Config) =>
  resolve(config.SHUQIAO_FILES_DIR ?? join(config.SHUQIAO_DATA_DIR, 'files'))

/** `ab/cd/<sha256>`: two levels keep any one directory small. */
export const blobPath = (dir: string, sha256: string) =>
  join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256)

// Temporary files sit inside the files directory so the final rename never crosses a filesystem.
const tempDir = (dir: string) => join(dir, 'tmp')

export interface Received {
  tempPath: string
  sha256: string
  size: number
}

export class TooLarge extends Error {}

/**
 * Streams an upload to a temporary file, hashing and counting as it goes, and stops with
 * TooLarge as soon as it passes `maxBytes`. On any failure the temporary file is removed.
 */
export const receive = async (dir: string, source: Readable, maxBytes: number): Promise<Received> => {
  await mkdir(tempDir(dir), { recursive: true })
  const tempPath = join(tempDir(dir), `${uuidv7()}.part`)
  const hash = createHash('sha256')
  let size = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > maxBytes) return done(new TooLarge())
      hash.update(chunk)
      done(null, chunk)
    },
  })
  try {
    // `flush` syncs to disk before close, so the rename below never publishes a file a crash could empty.
    await pipeline(source, meter, createWriteStream(tempPath, { flags: 'wx', flush: true }))
    // A truncated multipart part ends quietly; treat it like the limit it is.
    if ((source as Readable & { truncated?: boolean }).truncated) throw new TooLarge()
  } catch (error) {
    await rm(tempPath, { force: true })
    throw error
  }
  return { tempPath, sha256: hash.digest('hex'), size }
}

/**
 * Moves a received file to its content address. Identical content is already there, so the
 * copy is dropped; a rename within one filesystem is atomic, so readers never see half a file.
 */
export const keep = async (dir: string, received: Received) => {
  const target = blobPath(dir, received.sha256)
  if (await exists(target)) {
    await rm(received.tempPath, { force: true })
    return target
  }
  await mkdir(join(target, '..'), { recursive: true })
  await rename(received.tempPath, target)
  return target
}

export const discard = (path: string) => rm(path, { force: true })

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Removes temporary files a crashed process left behind. Other processes may be receiving
 * uploads into the same directory, so only files untouched for a day are taken.
 */
export const sweepTemp = async (dir: string, now: Date) => {
  const names = await readdir(tempDir(dir)).catch(() => [] as string[])
  for (const name of names) {
    const path = join(tempDir(dir), name)
    const info = await stat(path).catch(() => undefined)
    if (info && now.getTime() - info.mtimeMs > DAY_MS) await rm(path, { force: true })
  }
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )
