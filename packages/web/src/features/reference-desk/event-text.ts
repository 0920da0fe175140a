import type { referenceDesk } from '@shuqiao/contracts'
import { useTranslation } from 'react-i18next'

/** What a system event in a chat's history says, in the interface language. */
export const useEventText = () => {
  const { t, i18n } = useTranslation('referenceDesk')
  const tickets = useTranslation('referenceTickets').t
  const queueName = (queue: referenceDesk.QueueRef | null | undefined) =>
    queue ? (i18n.language === 'en' ? queue.nameEn : queue.nameZh) : ''
  return (event: referenceDesk.ChatEvent, guest = false) => {
    const name = event.librarian?.name ?? ''
    switch (event.code) {
      case 'started':
        return t('event.started', { queue: queueName(event.queue) })
      case 'claimed':
        return t('event.claimed', { name })
      case 'assigned':
        return t('event.assigned', { name })
      case 'transferred':
        return event.librarian
          ? t('event.transferredPerson', { name })
          : t('event.transferredQueue', { queue: queueName(event.queue) })
      case 'closed':
        return event.by === 'staff' ? t('event.closedStaff', { name }) : t('event.closedReader')
      case 'ticketed':
        return tickets(guest ? 'chat.ticketedGuest' : 'chat.ticketed', { number: event.ticketNumber ?? '' })
    }
  }
}
