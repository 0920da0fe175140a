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
})
