import { type BodyInputOf, guides, type QueryInputOf, type ResponseOf } from '@shuqiao/contracts'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'
import { noRetryOnClientErrors } from './queries.ts'

export type GuideSummary = ResponseOf<typeof guides.listGuides>['items'][number]
export type GuideDetail = ResponseOf<typeof guides.getGuide>
export type GuideStatus = GuideSummary['status']
export type GuideFilters = QueryInputOf<typeof guides.listGuides>

/** A library's guides: published ones for readers, every one for its staff. */
export const useGuides = (filters: GuideFilters, enabled = true) =>
  useQuery({
    queryKey: ['e-resources', 'guides', 'list', filters],
    queryFn: () => call(guides.listGuides, { query: filters }),
    placeholderData: keepPreviousData,
    retry: noRetryOnClientErrors,
    enabled,
  })

export const guideKey = (code: string | undefined, withoutVpn = false) =>
  ['e-resources', 'guides', 'detail', code, withoutVpn] as const

/** One guide by its short code, optionally only what can be reached without the VPN. */
export const useGuide = (code: string | undefined, withoutVpn = false) =>
  useQuery({
    queryKey: guideKey(code, withoutVpn),
    queryFn: () =>
      call(guides.getGuide, {
        params: { code: code! },
        query: withoutVpn ? { withoutVpn: 'true' } : {},
      }),
    enabled: !!code,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientErrors,
  })

/** After a change: the guide in the cache under its code, every guide list fetched again. */
const useSettleGuide = () => {
  const queryClient = useQueryClient()
  return (detail: GuideDetail) => {
    void queryClient.invalidateQueries({ queryKey: ['e-resources', 'guides', 'detail', detail.code] })
    queryClient.setQueryData(guideKey(detail.code), detail)
    void queryClient.invalidateQueries({ queryKey: ['e-resources', 'guides', 'list'] })
  }
}

export const useSaveGuide = () => {
  const settle = useSettleGuide()
  return useMutation({
    mutationFn: ({
      guideId,
      body,
    }: {
      guideId?: string | undefined
      body: BodyInputOf<typeof guides.createGuide>
    }) =>
      guideId ? call(guides.updateGuide, { params: { guideId }, body }) : call(guides.createGuide, { body }),
    onSuccess: settle,
  })
}

export const useGuideStatus = () => {
  const settle = useSettleGuide()
  return useMutation({
    mutationFn: ({ guideId, status }: { guideId: string; status: GuideStatus }) =>
      call(guides.publishGuide, { params: { guideId }, body: { status } }),
    onSuccess: settle,
  })
}
