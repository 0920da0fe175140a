import { connect, type Socket } from 'node:net'

// For a burst of requests sent at the same instant, the sender must cost next to nothing, or it
// measures itself: on two cores Node's fetch spends as long preparing and reading five hundred
// requests as the server spends answering them. So each simulated person gets one kept-alive
// socket, their request is written as raw HTTP/1.1 text prepared beforehand, and only the status
// line, the body's length and the body are read back.

export interface RawAnswer {
  status: number
  body: string
  /** From writing the request to the last byte of the answer. */
  ms: number
}

export interface RawConnection {
  send(request: string): Promise<RawAnswer>
  close(): void
}

export const openRawConnection = (url: string): Promise<RawConnection> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const socket: Socket = connect({ host: hostname, port: Number(port), noDelay: true })
    let pending:
      | { started: number; done: (answer: RawAnswer) => void; fail: (error: Error) => void }
      | undefined
    let buffer = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk])
      const headEnd = buffer.indexOf('\r\n\r\n')
      if (!pending || headEnd < 0) return
      const head = buffer.subarray(0, headEnd).toString('latin1')
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0)
      if (buffer.length < headEnd + 4 + length) return
      const body = buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8')
      buffer = buffer.subarray(headEnd + 4 + length)
      const answer = { status: Number(head.slice(9, 12)), body, ms: performance.now() - pending.started }
      const { done } = pending
      pending = undefined
      done(answer)
    })
    socket.on('error', (error) => (pending ? pending.fail(error) : reject(error)))
    socket.on('connect', () =>
      resolve({
        send: (request) =>
          new Promise((done, fail) => {
            pending = { started: performance.now(), done, fail }
            socket.write(request)
          }),
        close: () => socket.end(),
      }),
    )
  })

/** An HTTP/1.1 request as text, kept alive, with a JSON body when given. */
export const rawRequest = (method: string, url: string, headers: Record<string, string>, body?: unknown) => {
  const { host, pathname, search } = new URL(url)
  const payload = body === undefined ? '' : JSON.stringify(body)
  const lines = [`${method} ${pathname}${search} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive']
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
  if (body !== undefined)
    lines.push('content-type: application/json', `content-length: ${Buffer.byteLength(payload)}`)
  return `${lines.join('\r\n')}\r\n\r\n${payload}`
}
