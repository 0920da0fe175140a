import {
  accounts,
  type BodyInputOf,
  type QueryInputOf,
  type ResponseOf,
  type Role,
  replyTemplates,
  requests,
} from '@shuqiao/contracts'
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useMemo } from 'react'
import { call, isProblem } from '../../api/client.ts'
import { send } from './api.ts'

export type ServiceRequest = requests.ServiceRequest
export type RequestDetail = ResponseOf<typeof requests.getRequest>
export type RequestEvent = requests.RequestEvent

export const MY_REQUESTS_PAGE_SIZE = 20
export const QUEUE_PAGE_SIZE = 30

/** Every request type with today's fee at the caller's library. */
export const useRequestTypes = () =>
  useQuery({
    queryKey: ['request-types'],
    queryFn: () => call(requests.listRequestTypes),
    staleTime: 60_000,
  })

/** The reader's own requests, newest first, a page at a time. */
export const useMyRequests = (type: string | undefined) =>
  useInfiniteQuery({
    queryKey: ['requests', 'mine', { type }],
    queryFn: ({ pageParam }) =>
      call(requests.listMyRequests, {
        query: { type, cursor: pageParam, limit: MY_REQUESTS_PAGE_SIZE },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export interface QueueFilters {
  type?: string | undefined
  status?: string | undefined
  assignee?: 'me' | 'unassigned' | undefined
  overdue?: boolean | undefined
  open?: boolean | undefined
  q?: string | undefined
  libraryId?: string | undefined
  subject?: string | undefined
}

/** The queue's filters as the API takes them, for the listing and the exports alike. */
export const queueQuery = (filters: QueueFilters) => ({
  type: filters.type,
  status: filters.status,
  assignee: filters.assignee,
  overdue: filters.overdue ? ('true' as const) : undefined,
  open: filters.open ? ('true' as const) : undefined,
  q: filters.q,
  libraryId: filters.libraryId,
  subject: filters.subject,
})

/** The staff queue, a page at a time. */
export const useQueue = (filters: QueueFilters) =>
  useInfiniteQuery({
    queryKey: ['requests', 'queue', filters],
    queryFn: ({ pageParam }) =>
      call(requests.listRequestQueue, {
        query: { ...queueQuery(filters), cursor: pageParam, limit: QUEUE_PAGE_SIZE },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  })

const fetchRequest = (requestId: string) => call(requests.getRequest, { params: { requestId } })

export const requestKey = (requestId: string | undefined) => ['request', requestId] as const

/** One request with its timeline (internal notes only for staff). */
export const useRequest = (requestId: string | undefined) =>
  useQuery({
    queryKey: requestKey(requestId),
    queryFn: () => fetchRequest(requestId!),
    enabled: !!requestId,
    retry: (failures, error) => !isProblem(error, 'not_found', 'forbidden') && failures < 2,
  })

/** After a change: show the new detail at once and let lists and figures catch up. */
const useSettle = () => {
  const queryClient = useQueryClient()
  return (detail?: RequestDetail) => {
    if (detail) queryClient.setQueryData(requestKey(detail.id), detail)
    return queryClient.invalidateQueries({ queryKey: ['requests'] })
  }
}

export const useSubmitRequest = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: ({ body, key }: { body: BodyInputOf<typeof requests.submitRequest>; key: string }) =>
      send(requests.submitRequest, { body }, { 'Idempotency-Key': key }),
    onSuccess: (detail) => settle(detail),
  })
}

export const useTransitionRequest = (requestId: string) => {
  const settle = useSettle()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof requests.transitionRequest>) =>
      send(requests.transitionRequest, { params: { requestId }, body }),
    onSuccess: (detail) => settle(detail),
    // Someone else moved it first: show what is possible now.
    onError: (error) => {
      if (isProblem(error, 'illegal_transition'))
        void queryClient.invalidateQueries({ queryKey: requestKey(requestId) })
    },
  })
}

export const useCommentOnRequest = (requestId: string) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof requests.commentOnRequest>) =>
      call(requests.commentOnRequest, { params: { requestId }, body }),
    onSuccess: (detail) => settle(detail),
  })
}

export const useAssignRequests = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { requestIds: string[]; assigneeId: string | null }) =>
      call(requests.assignRequests, { body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['requests'] }),
        queryClient.invalidateQueries({ queryKey: ['request'] }),
      ]),
  })
}

export const useRequestFigures = (from: string, to: string, libraryId: string | undefined) =>
  useQuery({
    queryKey: ['requests', 'figures', { from, to, libraryId }],
    queryFn: () => call(requests.requestFigures, { query: { from, to, libraryId } }),
    placeholderData: keepPreviousData,
  })

export const useSetFeeWaiver = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      libraryId,
      type,
      body,
    }: {
      libraryId: string
      type: string
      body: BodyInputOf<typeof requests.setFeeWaiver>
    }) => call(requests.setFeeWaiver, { params: { libraryId, type }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['request-types'] }),
  })
}

/** Roles a request may be assigned to (the server checks the same). */
const ASSIGNEE_ROLES: Role[] = ['librarian', 'subject_librarian', 'library_admin']

export interface Colleague {
  id: string
  name: string
  readerNumber: string
}

/**
 * Active staff of a library, for "assign to…". Reads the accounts list, which only admins may
 * call; everyone else is offered "assign to me" and "unassign" instead.
 */
export const useColleagues = (libraryId: string | undefined, enabled: boolean) => {
  const results = useQueries({
    queries: ASSIGNEE_ROLES.map((role) => ({
      queryKey: ['request-colleagues', libraryId, role],
      queryFn: () =>
        call(accounts.listAccounts, { query: { libraryId, role, status: 'active' as const, limit: 200 } }),
      enabled: enabled && !!libraryId,
      staleTime: 5 * 60_000,
    })),
  })
  const pending = results.some((result) => result.isPending && result.fetchStatus !== 'idle')
  const error = results.find((result) => result.error)?.error
  const colleagues = useMemo(() => {
    const byId = new Map<string, Colleague>()
    for (const result of results)
      for (const account of result.data?.items ?? [])
        if (account.libraryId === libraryId) byId.set(account.id, account)
    return [...byId.values()].sort((a, b) => a.readerNumber.localeCompare(b.readerNumber))
  }, [results, libraryId])
  return { colleagues, pending, error }
}

export type ReplyTemplate = replyTemplates.ReplyTemplate

/** Reply templates the caller may use and manage, filtered as the templates page asks. */
export const useReplyTemplates = (query: QueryInputOf<typeof replyTemplates.listReplyTemplates>) =>
  useQuery({
    queryKey: ['reply-templates', 'list', query],
    queryFn: () => call(replyTemplates.listReplyTemplates, { query }),
    placeholderData: keepPreviousData,
  })

/** Templates that fit a request (and a step), filled in for its reader; loaded when first needed. */
export const useRequestReplies = (requestId: string, action: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['reply-templates', 'request', requestId, action ?? null],
    queryFn: () =>
      call(replyTemplates.replyTemplatesForRequest, { params: { requestId }, query: { action } }),
    enabled,
    staleTime: 30_000,
  })

const useTemplatesSettle = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: ['reply-templates'] })
}

export const useCreateReplyTemplate = () => {
  const settle = useTemplatesSettle()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof replyTemplates.createReplyTemplate>) =>
      call(replyTemplates.createReplyTemplate, { body }),
    onSuccess: settle,
  })
}

export const useUpdateReplyTemplate = () => {
  const settle = useTemplatesSettle()
  return useMutation({
    mutationFn: ({
      templateId,
      body,
    }: {
      templateId: string
      body: BodyInputOf<typeof replyTemplates.updateReplyTemplate>
    }) => call(replyTemplates.updateReplyTemplate, { params: { templateId }, body }),
    onSuccess: settle,
  })
}

export const useDeleteReplyTemplate = () => {
  const settle = useTemplatesSettle()
  return useMutation({
    mutationFn: (templateId: string) => call(replyTemplates.deleteReplyTemplate, { params: { templateId } }),
    onSuccess: settle,
  })
}
