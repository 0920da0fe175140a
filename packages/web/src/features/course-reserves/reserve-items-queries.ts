import { type BodyInputOf, type ResponseOf, reserveItems } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiProblem, call, urlOf } from '../../api/client.ts'

export type CourseItems = ResponseOf<typeof reserveItems.listCourseItems>
export type ReserveItem = reserveItems.ReserveItem
export type ReaderItem = reserveItems.ReaderItem
export type ReviewEntry = ResponseOf<typeof reserveItems.listReviews>['items'][number]
export type NewItem = BodyInputOf<typeof reserveItems.createItem>

const noRetryOnClientErrors = (failures: number, error: unknown) =>
  !(error instanceof ApiProblem && error.status > 0 && error.status < 500) && failures < 2

const KEY = ['course-reserves', 'items'] as const

export const useCourseItems = (courseId: string | undefined) =>
  useQuery({
    queryKey: [...KEY, courseId],
    queryFn: () => call(reserveItems.listCourseItems, { params: { courseId: courseId! } }),
    enabled: !!courseId,
    retry: noRetryOnClientErrors,
  })

export const itemFileUploadUrl = (courseId: string) =>
  urlOf(reserveItems.uploadItemFile, { params: { courseId } })

const useInvalidate = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: ['course-reserves'] })
}

export const useAddItem = (courseId: string) => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (body: NewItem) => call(reserveItems.createItem, { params: { courseId }, body }),
    onSuccess: invalidate,
  })
}

export const useUpdateItem = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: BodyInputOf<typeof reserveItems.updateItem> }) =>
      call(reserveItems.updateItem, { params: { itemId }, body }),
    onSuccess: invalidate,
  })
}

export const useRemoveItem = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (itemId: string) => call(reserveItems.deleteItem, { params: { itemId } }),
    onSuccess: invalidate,
  })
}

export const useReviews = (status: reserveItems.ReviewStatus) =>
  useQuery({
    queryKey: [...KEY, 'reviews', status],
    queryFn: () => call(reserveItems.listReviews, { query: { status } }),
    retry: noRetryOnClientErrors,
  })

export const useReview = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: (
      decision:
        | { itemId: string; approve: true; channel: reserveItems.NewItem['channel'] }
        | { itemId: string; approve: false; reason: string },
    ) =>
      decision.approve
        ? call(reserveItems.approveItem, {
            params: { itemId: decision.itemId },
            body: { channel: decision.channel ?? null },
          })
        : call(reserveItems.rejectItem, {
            params: { itemId: decision.itemId },
            body: { reason: decision.reason },
          }),
    onSuccess: invalidate,
  })
}

export const useDelivery = (courseId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...KEY, 'delivery', courseId],
    queryFn: () => call(reserveItems.getDelivery, { params: { courseId } }),
    enabled,
    retry: noRetryOnClientErrors,
  })

export const useSendDelivery = (courseId: string) =>
  useMutation({ mutationFn: () => call(reserveItems.sendDelivery, { params: { courseId } }) })

export const usePermalink = (code: string | undefined) =>
  useQuery({
    queryKey: [...KEY, 'permalink', code],
    queryFn: () => call(reserveItems.getPermalinkItem, { params: { code: code! } }),
    enabled: !!code,
    retry: noRetryOnClientErrors,
  })
