import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  to: string[]
  messageId: string | undefined
  raw: string
  /** Decoded subject, body and headers; only when the sink parses (tests, not the benchmark). */
  parsed?: ParsedMail
}

/**
 * A real SMTP server on a free local port for tests and the benchmark. It asks for the user and
 * password in its URL, as a campus mail relay would, and can refuse chosen recipients.
 */
export const startSmtpSink = async ({ parse = true, user = 'shuqiao', pass = 'mail-pass' } = {}) => {
  const messages: ReceivedMail[] = []
  const refused = new Set<string>()
  const waiters: { count: number; resolve: () => void }[] = []
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    size: 1_000_000,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user })
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))
    },
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address))
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }))
      else callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const mail: ReceivedMail = {
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1],
          raw,
          ...(parse ? { parsed: await simpleParser(raw) } : {}),
        }
        messages.push(mail)
        for (const waiter of waiters.filter((w) => messages.length >= w.count)) waiter.resolve()
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    messages,
    refuse: (address: string) => refused.add(address),
    /** Resolves once `count` messages have arrived in all, or rejects after `timeoutMs`. */
    waitFor: (count: number, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (messages.length >= count) return resolve()
        const timer = setTimeout(
          () => reject(new Error(`only ${messages.length} of ${count} messages arrived`)),
          timeoutMs,
        )
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          },
        })
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
