import { type ChildProcess, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '../../../..')

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

export interface RunningServer {
  url: string
  /** The server's process id (benchmarks read its CPU time). */
  pid: number
  /**
   * Moves the server's clock to `at` and waits until its date-driven jobs have run (trial expiry).
   * Only for a server started with `SHUQIAO_TEST_CLOCK: 'true'`.
   */
  moveClock(at: Date): Promise<void>
  stop(): Promise<void>
}

/**
 * Starts `shuqiao serve --demo` as its own process (benchmarks, browser journeys, multi-process
 * tests), on PGlite or on the given PostgreSQL URL. `copyOf` is a PGlite data folder already
 * migrated and seeded, copied so that the server starts without seeding its own.
 */
export const startServer = async (
  env: Record<string, string> = {},
  options: { copyOf?: string } = {},
): Promise<RunningServer> => {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'shuqiao-process-'))
  if (options.copyOf) cpSync(options.copyOf, dataDir, { recursive: true })
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'packages/server/bin/shuqiao.mjs'), 'serve', '--demo'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SHUQIAO_DATA_DIR: dataDir,
        // Benchmarks and journeys measure other things than the demo's vendor sites.
        LINK_CHECK_SCHEDULE: 'false',
        ...env,
      },
      // The IPC channel is how a journey moves a test clock; nothing else listens on it.
      stdio:
        env.SHUQIAO_TEST_CLOCK === 'true'
          ? ['ignore', 'pipe', 'inherit', 'ipc']
          : ['ignore', 'pipe', 'inherit'],
    },
  )
  const url = `http://127.0.0.1:${port}`
  // Migrating and seeding a fresh PGlite takes seconds, and much longer on a busy CI machine.
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break
    } catch {}
    if (child.exitCode !== null) throw new Error('server exited during start')
    if (Date.now() > deadline) {
      child.kill('SIGTERM')
      throw new Error('server not ready after 180 s')
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    url,
    pid: child.pid!,
    moveClock: (at) =>
      new Promise<void>((resolve, reject) => {
        if (!child.send) return reject(new Error('the server was started without SHUQIAO_TEST_CLOCK'))
        const moved = (message: { type?: string }) => {
          if (message?.type !== 'clock-moved') return
          child.off('message', moved)
          resolve()
        }
        child.on('message', moved)
        child.send({ type: 'clock', at: at.toISOString() })
      }),
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Signs a demo account in and returns its cookie header. */
export const signIn = async (url: string, libraryCode: string, readerNumber: string) => {
  const libraries = (await (await fetch(`${url}/api/libraries`)).json()) as {
    items: { id: string; code: string }[]
  }
  const libraryId = libraries.items.find((library) => library.code === libraryCode)!.id
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ libraryId, readerNumber, password: 'shuqiao2020' }),
  })
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`)
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('shuqiao_session='))!
  return cookie.split(';')[0]!
}
