#!/usr/bin/env node
// `npm start`: build the web app if it is missing, then serve with demo data in ./data.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

if (!existsSync(join(root, 'packages/web/dist/index.html'))) {
  console.log('Building the web app (first start only) / 首次启动，正在构建网页…')
  const build = spawnSync(npm, ['run', 'build', '--workspace', 'packages/web'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

process.argv = [
  process.argv[0],
  join(root, 'packages/server/bin/shuqiao.mjs'),
  'serve',
  '--demo',
  ...process.argv.slice(2),
]
await import('../packages/server/bin/shuqiao.mjs')
