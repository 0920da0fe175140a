import { type BodyInputOf, type QueryInputOf, referenceDesk } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

/** Every desk query starts with this key; a desk frame from the socket refreshes them all. */
export const DESK_KEY = ['reference-desk'] as const

export type Conversation = referenceDesk.Conversation

/** A library's topics and who is online; the socket's desk frames keep `online` fresh between loads. */
export const usePublicQueues = (libraryId: string | undefined) =>
  useQuery({
    queryKey: [...DESK_KEY, 'public-queues', libraryId],
    queryFn: () => call(referenceDesk.listPublicQueues, { params: { libraryId: libraryId! } }),
    enabled: !!libraryId,
    refetchInterval: 60_000,
  })

export const useMyChats = (enabled: boolean) =>
  useQuery({
    queryKey: [...DESK_KEY, 'mine'],
    queryFn: () => call(referenceDesk.listMyConversations),
    enabled,
  })

export const useStartChat = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ queueId, subject }: { queueId: string; subject?: string | undefined }) =>
      call(referenceDesk.startConversation, { body: { queueId, ...(subject ? { subject } : {}) } }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...DESK_KEY, 'mine'] }),
  })
}

export const useStartGuestChat = () =>
  useMutation({
    mutationFn: (body: BodyInputOf<typeof referenceDesk.startGuestConversation>) =>
      call(referenceDesk.startGuestConversation, { body }),
  })

export const useCloseChat = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (conversationId: string) =>
      call(referenceDesk.closeConversation, { params: { conversationId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: DESK_KEY }),
  })
}

export const useMyDesk = () =>
  useQuery({ queryKey: [...DESK_KEY, 'duty'], queryFn: () => call(referenceDesk.getMyDesk) })

export const useSetDuty = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ queueId, onDuty }: { queueId: string; onDuty: boolean }) =>
      call(referenceDesk.setMyDuty, { params: { queueId }, body: { onDuty } }),
    onSuccess: (desk) => {
      client.setQueryData([...DESK_KEY, 'duty'], desk)
      void client.invalidateQueries({ queryKey: DESK_KEY })
    },
  })
}

export const useSetChatLimit = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ accountId, chatLimit }: { accountId: string; chatLimit: number }) =>
      call(referenceDesk.setChatLimit, { params: { accountId }, body: { chatLimit } }),
    onSuccess: () => client.invalidateQueries({ queryKey: DESK_KEY }),
  })
}

/** The line: chats waiting in any queue of my library, oldest first. */
export const useWaitingChats = () =>
  useQuery({
    queryKey: [...DESK_KEY, 'waiting'],
    queryFn: () => call(referenceDesk.listConversations, { query: { status: 'waiting', limit: 100 } }),
    // Desk frames bring joins and departures at once; what waiting readers write shows within seconds.
    refetchInterval: 10_000,
  })

/** The chats I am answering now. */
export const useMyActiveChats = () =>
  useQuery({
    queryKey: [...DESK_KEY, 'my-active'],
    queryFn: () =>
      call(referenceDesk.listConversations, { query: { status: 'active', assignee: 'me', limit: 50 } }),
  })

export const useStaffQueues = () =>
  useQuery({
    queryKey: [...DESK_KEY, 'queues'],
    queryFn: () => call(referenceDesk.listQueues, { query: {} }),
  })

export const useDeskLibrarians = (enabled: boolean) =>
  useQuery({
    queryKey: [...DESK_KEY, 'librarians'],
    queryFn: () => call(referenceDesk.listDeskLibrarians, { query: {} }),
    enabled,
  })

export const useClaimChat = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (conversationId: string) =>
      call(referenceDesk.claimConversation, { params: { conversationId } }),
    onSettled: () => client.invalidateQueries({ queryKey: DESK_KEY }),
  })
}

export const useTransferChat = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({
      conversationId,
      ...body
    }: { conversationId: string } & BodyInputOf<typeof referenceDesk.transferConversation>) =>
      call(referenceDesk.transferConversation, { params: { conversationId }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: DESK_KEY }),
  })
}

/** Published FAQ articles the caller may see; `library` is a code (a signed-in caller's own by default). */
export const useFaqSearch = (
  library: string | undefined,
  q: string,
  options: { limit?: number; enabled?: boolean } = {},
) =>
  useQuery({
    queryKey: [...DESK_KEY, 'faq', library, q, options.limit],
    queryFn: () =>
      call(referenceDesk.searchFaq, {
        query: { ...(library ? { library } : {}), ...(q ? { q } : {}), limit: options.limit ?? 50 },
      }),
    enabled: options.enabled ?? true,
    placeholderData: (previous) => previous,
  })

export const useManagedFaq = (query: QueryInputOf<typeof referenceDesk.listManagedFaq>) =>
  useQuery({
    queryKey: [...DESK_KEY, 'faq-manage', query],
    queryFn: () => call(referenceDesk.listManagedFaq, { query }),
    placeholderData: (previous) => previous,
  })

export const useSaveFaq = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: BodyInputOf<typeof referenceDesk.createFaq> }) =>
      id
        ? call(referenceDesk.updateFaq, { params: { articleId: id }, body })
        : call(referenceDesk.createFaq, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...DESK_KEY, 'faq-manage'] }),
  })
}

export const useDeleteFaq = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (articleId: string) => call(referenceDesk.deleteFaq, { params: { articleId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...DESK_KEY, 'faq-manage'] }),
  })
}
