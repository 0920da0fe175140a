import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'

export const RESULTS_FILE = join(import.meta.dirname, 'RESULTS.md')

/** What the figures were measured on; other work on the machine skews them, so its load is kept too. */
export const machineNote = (loadAtStart: string) =>
  [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    '- load generator (autocannon) runs on the same machine, sharing its cores with the server and PostgreSQL.',
    `- 1-minute load average when the run started: ${loadAtStart}`,
  ].join('\n')

export const loadNow = () => loadavg()[0]!.toFixed(2)

/**
 * Replaces one benchmark's section of RESULTS.md (between `<!-- bench:id -->` and
 * `<!-- /bench:id -->`), leaving the rest of the file, written by other benchmarks or by hand, as
 * it is. A section not there yet is added at the end.
 */
export const writeSection = (id: string, markdown: string, file = RESULTS_FILE) => {
  const start = `<!-- bench:${id} -->`
  const end = `<!-- /bench:${id} -->`
  const block = `${start}\n${markdown.trim()}\n${end}`
  const current = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const from = current.indexOf(start)
  const to = current.indexOf(end)
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`
  writeFileSync(file, next)
}

/** The value below which `share` (0–1) of the sorted figures fall (nearest rank); NaN for none. */
export const percentile = (sorted: number[], share: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]! : Number.NaN
