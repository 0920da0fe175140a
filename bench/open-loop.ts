// People do not take turns: each reader or librarian acts when they are ready, whatever the
// others are doing. An open-loop load sends requests at random moments (a Poisson process at the
// given rate), not when an earlier answer arrives, and times each from the moment it was due, so
// a slow answer is counted in full rather than hidden by the sender waiting for it.
//
// autocannon's `overallRate` paces each connection on its own timer, all started together, so
// fifty connections at one request per second each send fifty requests in the same instant every
// second: a burst, not the steady flow the figure is meant to describe.

export interface OpenLoopResult {
  ok: number
  non2xx: number
  errors: number
  /** Sorted ms from the moment each 2xx request was due to its answer. */
  times: number[]
}

export interface OpenLoopOptions<Client> {
  /** Requests per second from all clients together, on average. */
  rate: number
  seconds: number
  /**
   * The people sending: each has one request in flight at most (a reader does not submit twice
   * at once); a request due while all are busy waits for one, and its wait is counted.
   */
  clients: Client[]
  send: (client: Client) => Promise<Response>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const openLoop = async <Client>(options: OpenLoopOptions<Client>): Promise<OpenLoopResult> => {
  const idle = [...options.clients]
  const waiting: ((client: Client) => void)[] = []
  const acquire = () =>
    idle.length ? Promise.resolve(idle.shift()!) : new Promise<Client>((resolve) => waiting.push(resolve))
  const release = (client: Client) => {
    const next = waiting.shift()
    if (next) next(client)
    else idle.push(client)
  }
  const result: OpenLoopResult = { ok: 0, non2xx: 0, errors: 0, times: [] }
  const sendAt = async (due: number) => {
    const client = await acquire()
    try {
      const response = await options.send(client)
      await response.arrayBuffer()
      if (response.ok) {
        result.ok++
        result.times.push(performance.now() - due)
      } else result.non2xx++
    } catch {
      result.errors++
    } finally {
      release(client)
    }
  }
  const sent: Promise<void>[] = []
  const end = performance.now() + options.seconds * 1000
  let due = performance.now()
  for (;;) {
    due += (-Math.log(1 - Math.random()) * 1000) / options.rate
    if (due >= end) break
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    sent.push(sendAt(due))
  }
  await Promise.all(sent)
  result.times.sort((a, b) => a - b)
  return result
}
