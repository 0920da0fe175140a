import { connect } from 'node:net'
import nodemailer from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js'
import { DeliveryError, type OutgoingNotice } from './delivery.ts'

export interface EmailSender {
  send(notice: OutgoingNotice, address: string): Promise<void>
  close(): void
}

// Unless the URL says otherwise: a few kept-open connections (thousands of notices after a
// batch change), and timeouts well inside a worker's lease.
const DEFAULTS: Record<string, string> = {
  pool: 'true',
  maxConnections: '5',
  maxMessages: '1000',
  connectionTimeout: '10000',
  greetingTimeout: '10000',
  socketTimeout: '30000',
}

/**
 * nodemailer writes a message's end in a separate small packet; with Nagle's algorithm on, that
 * packet waits for the server's delayed ACK (40 ms on Linux) and every message costs 40 ms more.
 * So we hand it sockets with Nagle off; it still does TLS (smtps, STARTTLS) on top.
 */
const connectWithoutDelay: SMTPPool.Options['getSocket'] = (options, callback) => {
  const socket = connect({ host: options.host ?? 'localhost', port: options.port ?? 25, noDelay: true })
  const fail = (error: Error) => callback(error, null)
  socket.setTimeout(Number(options.connectionTimeout ?? 10_000), () =>
    socket.destroy(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })),
  )
  socket.once('error', fail)
  socket.once('connect', () => {
    socket.off('error', fail)
    socket.setTimeout(0)
    callback(null, { connection: socket })
  })
}

/** Where Message-IDs live: our public host, else the sender's mail domain. */
const messageIdDomain = (from: string, publicUrl: string | undefined) => {
  if (publicUrl) return new URL(publicUrl).hostname
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'shuqiao.local'
}

/**
 * E-mail over SMTP. Each message's Message-ID is made from its outbox id, so a message sent again
 * after an unknown outcome (a worker stopped between sending and recording) can be recognised
 * as the same message downstream.
 */
export const createEmailSender = (options: {
  smtpUrl: string
  from: string
  publicUrl?: string | undefined
}): EmailSender => {
  const url = new URL(options.smtpUrl)
  for (const [key, value] of Object.entries(DEFAULTS)) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value)
  }
  const transport = nodemailer.createTransport(url.toString())
  Object.assign(transport, { getSocket: connectWithoutDelay })
  const domain = messageIdDomain(options.from, options.publicUrl)
  return {
    async send(notice, address) {
      try {
        await transport.sendMail({
          from: options.from,
          to: address,
          subject: notice.subject,
          text: notice.body,
          messageId: `<${notice.id}@${domain}>`,
          date: notice.createdAt,
          headers: {
            'X-Shuqiao-Event': notice.event,
            'X-Shuqiao-Delivery': notice.id,
            // Out-of-office replies should not answer a machine.
            'Auto-Submitted': 'auto-generated',
          },
        })
      } catch (error) {
        const { code, responseCode } = error as { code?: string; responseCode?: number }
        const message = error instanceof Error ? error.message : String(error)
        // A 5xx to the envelope is the server's final word on this address (no such mailbox);
        // a 5xx elsewhere (say, refused sign-in) is ours to fix, and the message can wait.
        const permanent = code === 'EENVELOPE' && !!responseCode && responseCode >= 500
        throw new DeliveryError(message.slice(0, 500), { permanent })
      }
    },
    close: () => transport.close(),
  }
}
