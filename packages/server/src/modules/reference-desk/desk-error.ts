import type { referenceDesk } from '@shuqiao/contracts'

/** A refusal at the desk's socket; the connection answers it with an error frame and stays open. */
export class DeskError extends Error {
  constructor(
    readonly code: referenceDesk.SocketErrorCode,
    readonly retryAfterMs?: number,
  ) {
    super(code)
  }
}
