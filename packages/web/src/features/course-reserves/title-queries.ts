import {
  type BodyInputOf,
  courseTitles,
  eHoldings,
  type QueryInputOf,
  type ResponseOf,
  titleImports,
} from '@shuqiao/contracts'
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { ApiProblem, call } from '../../api/client.ts'

export type CourseTitle = courseTitles.CourseTitle
export type StaffTitle = courseTitles.StaffTitle
export type MatchProposal = courseTitles.MatchProposal
export type Platform = eHoldings.Platform
export type HoldingsPreview = eHoldings.HoldingsImportPreview
export type DemandPreview = titleImports.DemandImportPreview
export type PasteAnswer = ResponseOf<typeof courseTitles.pasteCourseTitles>
export type TitleFilters = Omit<QueryInputOf<typeof courseTitles.listTitles>, 'cursor' | 'limit'>
export type TitlePage = ResponseOf<typeof courseTitles.listTitles>

export const TITLES_PAGE_SIZE = 50

const noRetryOnClientErrors = (failures: number, error: unknown) =>
  !(error instanceof ApiProblem && error.status > 0 && error.status < 500) && failures < 2

/** Every cached list a title change shows in: the course's, the staff list, the platforms. */
const useRefresh = () => {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: ['course-reserves'] })
}

export const useCourseTitles = (courseId: string | undefined, enabled = true) =>
  useQuery({
    queryKey: ['course-reserves', 'course-titles', courseId],
    queryFn: () => call(courseTitles.listCourseTitles, { params: { courseId: courseId! } }),
    enabled: !!courseId && enabled,
    retry: noRetryOnClientErrors,
  })

export const useAddTitle = (courseId: string) => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof courseTitles.addCourseTitle>) =>
      call(courseTitles.addCourseTitle, { params: { courseId }, body }),
    onSuccess: () => void refresh(),
  })
}

export const usePasteTitles = (courseId: string) => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof courseTitles.pasteCourseTitles>) =>
      call(courseTitles.pasteCourseTitles, { params: { courseId }, body }),
    onSuccess: (answer) => {
      if (answer.applied) void refresh()
    },
  })
}

export const useRemoveTitle = (courseId: string) => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (titleId: string) => call(courseTitles.removeCourseTitle, { params: { courseId, titleId } }),
    onSuccess: () => void refresh(),
  })
}

/** A term's titles for staff, a page at a time. */
export const useTitles = (filters: TitleFilters, enabled = true) =>
  useInfiniteQuery({
    queryKey: ['course-reserves', 'titles', filters],
    queryFn: ({ pageParam }) =>
      call(courseTitles.listTitles, { query: { ...filters, cursor: pageParam, limit: TITLES_PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientErrors,
    enabled,
  })

export const useDecideMatch = () => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ titleId, matchId, accept }: { titleId: string; matchId: string; accept: boolean }) =>
      call(accept ? courseTitles.acceptMatch : courseTitles.rejectMatch, { params: { titleId, matchId } }),
    onSuccess: () => void refresh(),
  })
}

export const useMatchAll = () => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: () => call(courseTitles.matchTitles, { body: {} }),
    onSuccess: () => void refresh(),
  })
}

export const useImportDemand = () => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof titleImports.importDemandList>) =>
      call(titleImports.importDemandList, { body }),
    onSuccess: (answer) => {
      if (answer.applied) void refresh()
    },
  })
}

export const usePlatforms = () =>
  useQuery({
    queryKey: ['course-reserves', 'platforms'],
    queryFn: () => call(eHoldings.listPlatforms),
    retry: noRetryOnClientErrors,
  })

export const useUpdatePlatform = () => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({
      platformId,
      body,
    }: {
      platformId: string
      body: BodyInputOf<typeof eHoldings.updatePlatform>
    }) => call(eHoldings.updatePlatform, { params: { platformId }, body }),
    onSuccess: () => void refresh(),
  })
}

export const useDeletePlatform = () => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (platformId: string) => call(eHoldings.deletePlatform, { params: { platformId } }),
    onSuccess: () => void refresh(),
  })
}

export const useImportHoldings = () => {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof eHoldings.importHoldings>) =>
      call(eHoldings.importHoldings, { body }),
    onSuccess: (answer) => {
      if (answer.applied) void refresh()
    },
  })
}
