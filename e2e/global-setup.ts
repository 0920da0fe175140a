import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    demoDataDir: string
  }
}

const root = join(import.meta.dirname, '..')

/**
 * Once per run: builds the web app when it is missing, and migrates and seeds one demo database.
 * Each journey's server then starts from a copy of that data folder instead of seeding its own,
 * which saves most of a server's start on every journey.
 */
export default function setup(project: TestProject) {
  if (!existsSync(join(root, 'packages/web/dist/index.html')))
    run('npm', ['run', 'build', '--workspace', 'packages/web'])
  const demoDataDir = mkdtempSync(join(tmpdir(), 'shuqiao-e2e-demo-'))
  run(process.execPath, [join(root, 'packages/server/bin/shuqiao.mjs'), 'seed-demo'], {
    SHUQIAO_DATA_DIR: demoDataDir,
    LOG_LEVEL: 'warn',
  })
  project.provide('demoDataDir', demoDataDir)
  return () => rmSync(demoDataDir, { recursive: true, force: true })
}

const run = (command: string, args: string[], env: Record<string, string> = {}) => {
  const done = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  })
  if (done.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
}
