import { type Bilingual, REQUEST_TYPES, type RequestType, requestTypeOf } from '@shuqiao/contracts'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'

export { REQUEST_TYPES, requestTypeOf }

/** Picks the interface language's half of a contract's `{ zh, en }` text. */
export const useText = () => {
  const { i18n } = useTranslation()
  const english = i18n.language === 'en'
  return (text: Bilingual | undefined | null) => (text ? (english ? text.en : text.zh) : '')
}

/** The label of a status as the type defines it, or the bare code for a status it no longer has. */
export const statusLabelOf = (type: RequestType | undefined, status: string): Bilingual =>
  type?.statuses[status]?.label ?? { zh: status, en: status }

/** The transition an action names, preferably the one taken by staff or by the reader as asked. */
export const transitionOf = (type: RequestType | undefined, action: string, by?: 'reader' | 'staff') =>
  type?.transitions.find((transition) => transition.action === action && (!by || transition.by === by)) ??
  type?.transitions.find((transition) => transition.action === action)

export const isFinal = (type: RequestType | undefined, status: string) =>
  type?.statuses[status]?.final === true

/**
 * A tag colour read from the type's own definition rather than a list per status: the first
 * status waits to be picked up, a status reached with a reason for the reader is bad news (or,
 * if not final, the reader's turn), a final status only the reader reaches is a withdrawal.
 */
export const statusColour = (type: RequestType | undefined, status: string) => {
  if (!type) return 'default'
  const into = type.transitions.filter((transition) => transition.to === status)
  if (isFinal(type, status)) {
    if (into.length > 0 && into.every((transition) => transition.by === 'reader')) return 'default'
    if (into.some((transition) => transition.needsReason)) return 'error'
    return 'success'
  }
  if (status === type.initial) return 'gold'
  if (into.some((transition) => transition.needsReason)) return 'warning'
  return 'processing'
}

/** Yuan with two decimals from fen (100 fen = 1 yuan). */
export const yuan = (fen: number) => (fen / 100).toFixed(2)

/** YYYY-MM-DD of a timestamp, in the browser's time zone. */
export const dateOf = (iso: string) => dayjs(iso).format('YYYY-MM-DD')

/** Request types that cost something, the only ones a fee waiver means anything for. */
export const PAID_TYPES = REQUEST_TYPES.filter((type) => type.feeFen > 0)
