import { createHmac } from 'node:crypto'
import { type ChannelTarget, DeliveryError, type OutgoingNotice } from './delivery.ts'

const TIMEOUT_MS = 10_000
// WeCom refuses markdown over 4096 bytes; DingTalk is roomier. Keep both well inside.
const MARKDOWN_MAX_CHARS = 1800

/** DingTalk's 加签: base64 HMAC-SHA256 of `${timestamp}\n${secret}` keyed by the secret. */
export const dingTalkSign = (secret: string, timestamp: number) =>
  createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64')

/** What receivers of our webhooks check: hex HMAC-SHA256 of the raw body with the shared secret. */
export const webhookSignature = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`

const markdown = (notice: OutgoingNotice) => {
  const text =
    notice.body.length > MARKDOWN_MAX_CHARS ? `${notice.body.slice(0, MARKDOWN_MAX_CHARS)}…` : notice.body
  return text.replace(/\n/g, '\n\n').replace(/\n{3,}/g, '\n\n')
}

const requestFor = (target: ChannelTarget, notice: OutgoingNotice, now: Date) => {
  switch (target.kind) {
    case 'wecom':
      return {
        url: target.url,
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { content: `**${notice.subject}**\n\n${markdown(notice)}` },
        }),
        headers: {},
      }
    case 'dingtalk': {
      const url = new URL(target.url)
      if (target.secret) {
        const timestamp = now.getTime()
        url.searchParams.set('timestamp', String(timestamp))
        url.searchParams.set('sign', dingTalkSign(target.secret, timestamp))
      }
      return {
        url: url.toString(),
        body: JSON.stringify({
          msgtype: 'markdown',
          markdown: { title: notice.subject, text: `#### ${notice.subject}\n\n${markdown(notice)}` },
        }),
        headers: {},
      }
    }
    case 'webhook': {
      const body = JSON.stringify({
        id: notice.id,
        event: notice.event,
        libraryId: notice.libraryId,
        createdAt: notice.createdAt.toISOString(),
        language: notice.language,
        subject: notice.subject,
        body: notice.body,
        data: notice.data,
      })
      return {
        url: target.url,
        body,
        headers: {
          'x-shuqiao-event': notice.event,
          'x-shuqiao-delivery': notice.id,
          ...(target.secret ? { 'x-shuqiao-signature': webhookSignature(target.secret, body) } : {}),
        },
      }
    }
  }
}

const describe = (error: unknown) => {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${TIMEOUT_MS / 1000} s`
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error instanceof Error ? error.message : String(error)}${cause}`
}

/**
 * Posts a notice to a robot or webhook. Resolves with the HTTP status when the receiver took it;
 * throws a DeliveryError for a non-2xx answer, a robot's `errcode` other than 0, or no answer.
 */
export const postToChannel = async (target: ChannelTarget, notice: OutgoingNotice, now = new Date()) => {
  const request = requestFor(target, notice, now)
  let response: Response
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Shuqiao-Notices/1',
        ...request.headers,
      },
      body: request.body,
      // A redirect could lead anywhere, including inside our network: refuse it.
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    throw new DeliveryError(describe(error))
  }
  const text = await response.text().catch(() => '')
  if (!response.ok) {
    throw new DeliveryError(`HTTP ${response.status}${text ? `: ${text.slice(0, 300)}` : ''}`, {
      status: response.status,
    })
  }
  if (target.kind !== 'webhook') {
    // Robots answer 200 even when they refuse; the verdict is errcode in the body.
    let answer: { errcode?: unknown; errmsg?: unknown } | undefined
    try {
      answer = JSON.parse(text) as typeof answer
    } catch {
      throw new DeliveryError(`unreadable answer: ${text.slice(0, 200)}`, { status: response.status })
    }
    if (answer?.errcode !== 0) {
      throw new DeliveryError(
        `errcode ${String(answer?.errcode)}: ${String(answer?.errmsg ?? '')}`.slice(0, 300),
        {
          status: response.status,
        },
      )
    }
  }
  return { status: response.status }
}
