import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createPostgresEventBus } from './event-bus.ts'

const url = process.env.DATABASE_URL

const eventually = async (check: () => boolean) => {
  for (let wait = 0; wait < 100 && !check(); wait++) await new Promise((resume) => setTimeout(resume, 20))
}

describe.runIf(url)('the event bus on a PostgreSQL server', () => {
  it('tells this process at once and once only, and the others through the server', async () => {
    const here = await createPostgresEventBus(url!, () => {})
    const there = await createPostgresEventBus(url!, () => {})
    try {
      const heardHere: string[] = []
      const heardThere: string[] = []
      here.subscribe('bus_probe', (payload) => heardHere.push(payload))
      there.subscribe('bus_probe', (payload) => heardThere.push(payload))
      await new Promise((resume) => setTimeout(resume, 100)) // both LISTEN by now
      await here.publish('bus_probe', 'closed 2027-03-02')
      expect(heardHere).toEqual(['closed 2027-03-02'])
      await eventually(() => heardThere.length > 0)
      expect(heardThere).toEqual(['closed 2027-03-02'])
      // The server's echo to the publisher is not heard a second time.
      await new Promise((resume) => setTimeout(resume, 200))
      expect(heardHere).toEqual(['closed 2027-03-02'])
    } finally {
      await here.close()
      await there.close()
    }
  })

  it('says when messages may have been missed, after its connection was lost and came back', async () => {
    const here = await createPostgresEventBus(url!, () => {})
    const there = await createPostgresEventBus(url!, () => {})
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      let missed = 0
      const heard: string[] = []
      here.whenMissed(() => {
        missed += 1
      })
      here.subscribe('bus_lost_probe', (payload) => heard.push(payload))
      await new Promise((resume) => setTimeout(resume, 100))
      expect(missed).toBe(0)
      // The server drops the listening connection (a restart, a network cut).
      const { rowCount } = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and query = 'listen bus_lost_probe'`,
      )
      expect(rowCount).toBe(1)
      await eventually(() => missed > 0)
      expect(missed).toBe(1)
      // Listening again, on one connection: the others are heard as before, once.
      await there.publish('bus_lost_probe', 'after the cut')
      await eventually(() => heard.length > 0)
      await new Promise((resume) => setTimeout(resume, 200))
      expect(heard).toEqual(['after the cut'])
      expect(missed).toBe(1)
    } finally {
      await admin.end()
      await here.close()
      await there.close()
    }
  })
})
