import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { formatFen } from './circulation-logic.ts'
import type { DeskResult } from './desk-log.tsx'
import { useCheckIn, useCheckOut, useRenewAtDesk } from './queries.ts'

export type DeskMode = DeskResult['mode']

/**
 * What the desk does with a scanned barcode in each mode, and the session's results, newest
 * first. Each scan is sent at once, so a fast scanner never waits for the previous answer.
 */
export const useDesk = () => {
  const { t } = useTranslation('circulation')
  const errorText = useErrorText()
  const [results, setResults] = useState<DeskResult[]>([])
  const counter = useRef(0)
  const checkOut = useCheckOut()
  const checkIn = useCheckIn()
  const renew = useRenewAtDesk()

  const submit = (mode: DeskMode, barcode: string, readerNumber?: string) => {
    counter.current += 1
    const key = `${counter.current}`
    const add = (result: Omit<DeskResult, 'key' | 'mode' | 'barcode'>) =>
      setResults((earlier) => [{ key, mode, barcode, ...result }, ...earlier].slice(0, 200))
    const refused = (error: unknown) => add({ ok: false, title: null, text: errorText(error), who: null })
    const person = (reader: { name: string; readerNumber: string }, phrase: 'desk.to' | 'desk.from') =>
      t(phrase, { name: reader.name, number: reader.readerNumber })

    if (mode === 'checkOut') {
      if (!readerNumber) return
      checkOut.mutateAsync({ readerNumber, barcode }).then(
        ({ loan }) =>
          add({
            ok: true,
            title: loan.item.title,
            text: t('desk.checkedOut', { due: loan.dueDay }),
            who: person(loan.reader, 'desk.to'),
          }),
        refused,
      )
    } else if (mode === 'checkIn') {
      checkIn.mutateAsync(barcode).then(
        ({ loan, item, fine }) =>
          add({
            ok: true,
            title: item.title,
            text:
              (!loan
                ? t('desk.checkedInNoRecord')
                : fine
                  ? t('desk.checkedInLate', {
                      days: fine.overdueDays ?? 0,
                      amount: formatFen(fine.amountFen),
                    })
                  : t('desk.checkedIn')) +
              (item.quarantineUntil
                ? t('desk.toQuarantine', { until: formatDateTime(item.quarantineUntil).slice(0, 16) })
                : ''),
            who: loan ? person(loan.reader, 'desk.from') : null,
          }),
        refused,
      )
    } else {
      renew.mutateAsync(barcode).then(
        (loan) =>
          add({
            ok: true,
            title: loan.item.title,
            text: t('desk.renewed', { due: loan.dueDay }),
            who: person(loan.reader, 'desk.from'),
          }),
        refused,
      )
    }
  }

  return { results, submit }
}
