import pg from 'pg'

export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const runOnServer = async (statement: string) => {
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * A database of its own for one benchmark run on the PostgreSQL server (BENCH_DATABASE_URL),
 * named after the benchmark; `drop()` removes it afterwards, unless BENCH_KEEP=1 asks to keep
 * it for a look.
 */
export const freshDatabase = async (label: string) => {
  const name = `shuqiao_bench_${label}_${process.pid}`
  await runOnServer(`drop database if exists ${name} with (force)`)
  await runOnServer(`create database ${name}`)
  const url = new URL(POSTGRES_URL)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (process.env.BENCH_KEEP === '1') console.log(`kept ${url.toString()}`)
      else await runOnServer(`drop database if exists ${name} with (force)`)
    },
  }
}
