import type { Language } from '@shuqiao/contracts'

/** One delivery as a sender sees it: what to say, and where. */
export interface OutgoingNotice {
  id: string
  libraryId: string
  event: string
  language: Language
  subject: string
  body: string
  data: Record<string, unknown>
  createdAt: Date
}

/** A library's robot or webhook, with the secret only the server knows. */
export interface ChannelTarget {
  kind: 'wecom' | 'dingtalk' | 'webhook'
  url: string
  secret: string | null
}

/**
 * A send that did not go through. `permanent` failures (a mailbox that does not exist) are not
 * worth retrying; everything else is tried again later.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { status?: number | undefined; permanent?: boolean } = {},
  ) {
    super(message)
    this.name = 'DeliveryError'
  }
}
