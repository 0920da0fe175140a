import { type BodyInputOf, type QueryInputOf, referenceDesk } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'
import { DESK_KEY } from './queries.ts'

const TICKETS_KEY = [...DESK_KEY, 'tickets'] as const

export type Ticket = referenceDesk.Ticket
export type TicketDetail = referenceDesk.TicketDetail

/** 我的咨询: the reader's questions, newest first. */
export const useMyTickets = () =>
  useQuery({ queryKey: [...TICKETS_KEY, 'mine'], queryFn: () => call(referenceDesk.listMyTickets) })

export const useTickets = (query: QueryInputOf<typeof referenceDesk.listTickets>) =>
  useQuery({
    queryKey: [...TICKETS_KEY, 'list', query],
    queryFn: () => call(referenceDesk.listTickets, { query }),
    placeholderData: (previous) => previous,
  })

export const useTicket = (ticketId: string) =>
  useQuery({
    queryKey: [...TICKETS_KEY, 'one', ticketId],
    queryFn: () => call(referenceDesk.getTicket, { params: { ticketId } }),
  })

/** After any change the thread comes back whole: it replaces the cached one, and lists refresh. */
const useTicketChange = <A>(work: (args: A) => Promise<TicketDetail>) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: work,
    onSuccess: (ticket) => {
      client.setQueryData([...TICKETS_KEY, 'one', ticket.id], ticket)
      void client.invalidateQueries({ queryKey: [...TICKETS_KEY, 'list'] })
      void client.invalidateQueries({ queryKey: [...TICKETS_KEY, 'mine'] })
    },
  })
}

export const useAskTicket = () =>
  useTicketChange((body: BodyInputOf<typeof referenceDesk.createTicket>) =>
    call(referenceDesk.createTicket, { body }),
  )

export const useLogPhoneTicket = () =>
  useTicketChange((body: BodyInputOf<typeof referenceDesk.logPhoneTicket>) =>
    call(referenceDesk.logPhoneTicket, { body }),
  )

export const useTicketPost = () =>
  useTicketChange(({ ticketId, text, note }: { ticketId: string; text: string; note?: boolean }) =>
    call(note ? referenceDesk.addTicketNote : referenceDesk.replyToTicket, {
      params: { ticketId },
      body: { text },
    }),
  )

export const useUpdateTicket = () =>
  useTicketChange(
    ({ ticketId, ...body }: { ticketId: string } & BodyInputOf<typeof referenceDesk.updateTicket>) =>
      call(referenceDesk.updateTicket, { params: { ticketId }, body }),
  )

export const useTranscripts = (query: QueryInputOf<typeof referenceDesk.searchTranscripts>) =>
  useQuery({
    queryKey: [...DESK_KEY, 'transcripts', query],
    queryFn: () => call(referenceDesk.searchTranscripts, { query }),
    placeholderData: (previous) => previous,
  })

export const useEmailTranscript = () =>
  useMutation({
    mutationFn: (conversationId: string) =>
      call(referenceDesk.emailTranscript, { params: { conversationId } }),
  })

/** Where a chat's transcript downloads as text. */
export const transcriptUrl = (conversationId: string) =>
  `/api/reference-desk/conversations/${conversationId}/transcript`
