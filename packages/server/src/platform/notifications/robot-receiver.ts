import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedPost {
  kind: 'wecom' | 'dingtalk' | 'webhook'
  url: URL
  headers: IncomingMessage['headers']
  raw: string
  body: Record<string, unknown>
  /** Whether the signature checked out, as the real receiver would check it. */
  verified: boolean
}

type Answer = { status?: number; json?: unknown }

const safeEqual = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * Stands in for WeCom and DingTalk group robots and a webhook receiver, on one local port:
 * `/wecom`, `/dingtalk` (checks 加签 as DingTalk does) and `/webhook` (checks our HMAC).
 * Answers can be scripted per kind to test failures and retries.
 */
export const startRobotReceiver = async (secrets: { dingtalk: string; webhook: string }) => {
  const received: ReceivedPost[] = []
  const script: Record<ReceivedPost['kind'], Answer[]> = { wecom: [], dingtalk: [], webhook: [] }

  const verify = (kind: ReceivedPost['kind'], url: URL, headers: IncomingMessage['headers'], raw: string) => {
    if (kind === 'dingtalk') {
      const timestamp = Number(url.searchParams.get('timestamp'))
      const sign = url.searchParams.get('sign') ?? ''
      // DingTalk accepts a timestamp within an hour of its own clock.
      if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > 3_600_000) return false
      const expected = createHmac('sha256', secrets.dingtalk)
        .update(`${timestamp}\n${secrets.dingtalk}`)
        .digest('base64')
      return safeEqual(sign, expected)
    }
    if (kind === 'webhook') {
      const given = String(headers['x-shuqiao-signature'] ?? '')
      const expected = `sha256=${createHmac('sha256', secrets.webhook).update(raw).digest('hex')}`
      return safeEqual(given, expected)
    }
    return url.searchParams.has('key')
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      const kind = url.pathname.slice(1) as ReceivedPost['kind']
      const raw = Buffer.concat(chunks).toString('utf8')
      if (!(kind in script)) {
        response.writeHead(404).end()
        return
      }
      const verified = verify(kind, url, request.headers, raw)
      received.push({ kind, url, headers: request.headers, raw, body: JSON.parse(raw || '{}'), verified })
      const scripted = script[kind].shift()
      const fallback: Answer =
        kind === 'webhook'
          ? verified
            ? { status: 204 }
            : { status: 401, json: { error: 'bad signature' } }
          : verified
            ? { json: { errcode: 0, errmsg: 'ok' } }
            : { json: { errcode: 310000, errmsg: 'sign not match' } }
      const answer = scripted ?? fallback
      response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' })
      response.end(answer.json === undefined ? undefined : JSON.stringify(answer.json))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    urls: {
      wecom: `${base}/wecom?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa`,
      dingtalk: `${base}/dingtalk?access_token=3b0b7f2c5d6e4a1b9c8d7e6f5a4b3c2d`,
      webhook: `${base}/webhook`,
    },
    received,
    /** The next answers this kind gives, before it goes back to accepting. */
    answer: (kind: ReceivedPost['kind'], ...answers: Answer[]) => script[kind].push(...answers),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
