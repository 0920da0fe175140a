import { readFileSync } from 'node:fs'
import pg from 'pg'

// On a shared machine, latency tells how busy the machine was as much as what our code costs.
// CPU time spent per request by the server process and by the PostgreSQL backends serving it
// does not depend on who else runs, so the benchmarks report it beside the latencies.

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const TICKS_PER_SECOND = 100

/** CPU time (user + system) a process has used so far, in ms; 0 if it is gone. */
export const cpuMs = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after "(comm) ": state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
  } catch {
    return 0
  }
}

export interface CpuUse {
  /** ms of CPU used by the server process. */
  server: number
  /** ms of CPU used by PostgreSQL backends connected to the database (0 on PGlite). */
  database: number
}

/** Measures the CPU time a server and its database backends use between start() and stop(). */
export const createCpuMeter = (serverPid: number, postgres?: { adminUrl: string; database: string }) => {
  const backends = async () => {
    if (!postgres) return []
    const client = new pg.Client({ connectionString: postgres.adminUrl })
    await client.connect()
    try {
      const { rows } = await client.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1',
        [postgres.database],
      )
      return rows.map((row) => row.pid)
    } finally {
      await client.end()
    }
  }
  let server = 0
  let database = new Map<number, number>()
  return {
    async start() {
      database = new Map((await backends()).map((pid) => [pid, cpuMs(pid)]))
      server = cpuMs(serverPid)
    },
    /** Backends that opened during the run count from zero; any that closed are missed. */
    async stop(): Promise<CpuUse> {
      const serverNow = cpuMs(serverPid)
      let used = 0
      for (const pid of new Set([...database.keys(), ...(await backends())]))
        used += Math.max(0, cpuMs(pid) - (database.get(pid) ?? 0))
      return { server: serverNow - server, database: used }
    },
  }
}
