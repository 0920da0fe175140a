import {
  type BodyInputOf,
  publishers,
  type QueryInputOf,
  type ResponseOf,
  titleFulfilment,
} from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export type TitleWork = titleFulfilment.TitleWork
export type TitleEvent = titleFulfilment.TitleEvent
export type Assignee = titleFulfilment.Assignee
export type Publisher = publishers.Publisher
export type PublisherDetail = publishers.PublisherDetail
export type PublisherFilters = QueryInputOf<typeof publishers.listPublishers>
export type PublisherList = ResponseOf<typeof publishers.listPublishers>

/** Every cached course-reserves list and detail: a status or a publisher shows in many. */
const useRefresh = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: ['course-reserves'] })
}

export const useTitleWork = (titleId: string | undefined) =>
  useQuery({
    queryKey: ['course-reserves', 'title-work', titleId],
    queryFn: () => call(titleFulfilment.getTitleWork, { params: { titleId: titleId! } }),
    enabled: !!titleId,
  })

export const useChangeStatus = (titleId: string) => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof titleFulfilment.changeTitleStatus>) =>
      call(titleFulfilment.changeTitleStatus, { params: { titleId }, body }),
    onSuccess: () => void refresh(),
  })
}

export const useAssignTitle = (titleId: string) => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof titleFulfilment.assignTitle>) =>
      call(titleFulfilment.assignTitle, { params: { titleId }, body }),
    onSuccess: () => void refresh(),
  })
}

export const useAssignTitles = () => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof titleFulfilment.assignTitles>) =>
      call(titleFulfilment.assignTitles, { body }),
    onSuccess: () => void refresh(),
  })
}

export const useAssignees = () =>
  useQuery({
    queryKey: ['course-reserves', 'assignees'],
    queryFn: () => call(titleFulfilment.listAssignees),
    staleTime: 60_000,
  })

export const usePublishers = (filters: PublisherFilters = {}) =>
  useQuery({
    queryKey: ['course-reserves', 'publishers', filters],
    queryFn: () => call(publishers.listPublishers, { query: filters }),
  })

export const usePublisher = (publisherId: string | undefined) =>
  useQuery({
    queryKey: ['course-reserves', 'publisher', publisherId],
    queryFn: () => call(publishers.getPublisher, { params: { publisherId: publisherId! } }),
    enabled: !!publisherId,
  })

export const useSavePublisher = () => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({
      publisherId,
      body,
    }: {
      publisherId?: string | undefined
      body: BodyInputOf<typeof publishers.createPublisher>
    }) =>
      publisherId
        ? call(publishers.updatePublisher, { params: { publisherId }, body })
        : call(publishers.createPublisher, { body }),
    onSuccess: () => void refresh(),
  })
}

export const useAddContact = (publisherId: string) => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof publishers.addContact>) =>
      call(publishers.addContact, { params: { publisherId }, body }),
    onSuccess: () => void refresh(),
  })
}

export const useLinkPublisher = (titleId: string) => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (publisherId: string | null) =>
      call(publishers.linkTitlePublisher, { params: { titleId }, body: { publisherId } }),
    onSuccess: () => void refresh(),
  })
}
