import { type BodyInputOf, notifications } from '@shuqiao/contracts'
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export const INBOX_PAGE_SIZE = 20
export const DELIVERIES_PAGE_SIZE = 30

// ---- The reader's inbox ----

/** My notices, newest first, a page at a time. */
export const useNotices = (unreadOnly: boolean) =>
  useInfiniteQuery({
    queryKey: ['notices', { unreadOnly }],
    queryFn: ({ pageParam }) =>
      call(notifications.listMyNotices, {
        query: { cursor: pageParam, limit: INBOX_PAGE_SIZE, ...(unreadOnly ? { unread: 'true' } : {}) },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

/** The number on the bell; looked at again every minute and when the tab comes back. */
export const useUnreadCount = (enabled = true) =>
  useQuery({
    queryKey: ['notices', 'unread-count'],
    queryFn: () => call(notifications.countUnreadNotices),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  })

const useInvalidateNotices = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: ['notices'] })
}

export const useMarkRead = () => {
  const invalidate = useInvalidateNotices()
  return useMutation({
    mutationFn: (noticeId: string) => call(notifications.markNoticeRead, { params: { noticeId } }),
    onSuccess: invalidate,
  })
}

export const useMarkAllRead = () => {
  const invalidate = useInvalidateNotices()
  return useMutation({
    mutationFn: () => call(notifications.markAllNoticesRead),
    onSuccess: invalidate,
  })
}

// ---- A library's channels and deliveries ----

export const useNoticeEvents = () =>
  useQuery({
    queryKey: ['notice-events'],
    queryFn: () => call(notifications.listNoticeEvents),
    staleTime: 10 * 60_000,
  })

export const useNoticeChannels = (libraryId: string | undefined) =>
  useQuery({
    queryKey: ['notice-channels', libraryId],
    queryFn: () => call(notifications.listNoticeChannels, { params: { libraryId: libraryId! } }),
    enabled: !!libraryId,
  })

const useInvalidateChannels = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: ['notice-channels'] })
}

export const useCreateChannel = () => {
  const invalidate = useInvalidateChannels()
  return useMutation({
    mutationFn: ({
      libraryId,
      body,
    }: {
      libraryId: string
      body: BodyInputOf<typeof notifications.createNoticeChannel>
    }) => call(notifications.createNoticeChannel, { params: { libraryId }, body }),
    onSuccess: invalidate,
  })
}

export const useUpdateChannel = () => {
  const invalidate = useInvalidateChannels()
  return useMutation({
    mutationFn: ({
      libraryId,
      channelId,
      body,
    }: {
      libraryId: string
      channelId: string
      body: BodyInputOf<typeof notifications.updateNoticeChannel>
    }) => call(notifications.updateNoticeChannel, { params: { libraryId, channelId }, body }),
    onSuccess: invalidate,
  })
}

export const useDeleteChannel = () => {
  const invalidate = useInvalidateChannels()
  return useMutation({
    mutationFn: (params: { libraryId: string; channelId: string }) =>
      call(notifications.deleteNoticeChannel, { params }),
    onSuccess: invalidate,
  })
}

export const useTestChannel = () =>
  useMutation({
    mutationFn: (params: { libraryId: string; channelId: string }) =>
      call(notifications.testNoticeChannel, { params }),
  })

export interface DeliveryFilters {
  status?: notifications.DeliveryStatus | undefined
  channel?: (typeof notifications.DELIVERY_CHANNELS)[number] | undefined
}

export const useDeliveries = (libraryId: string | undefined, filters: DeliveryFilters) =>
  useInfiniteQuery({
    queryKey: ['notice-deliveries', libraryId, filters],
    queryFn: ({ pageParam }) =>
      call(notifications.listNoticeDeliveries, {
        params: { libraryId: libraryId! },
        query: { ...filters, cursor: pageParam, limit: DELIVERIES_PAGE_SIZE },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!libraryId,
  })

export const useRetryDelivery = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (params: { libraryId: string; deliveryId: string }) =>
      call(notifications.retryNoticeDelivery, { params }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notice-deliveries'] }),
  })
}
