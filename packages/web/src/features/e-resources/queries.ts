import {
  access,
  type BodyInputOf,
  disciplines,
  eResources,
  type QueryInputOf,
  type ResponseOf,
  requests,
} from '@shuqiao/contracts'
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { ApiProblem, call } from '../../api/client.ts'

export type ResourceSummary = eResources.ResourceSummary
export type ResourceDetail = eResources.ResourceDetail
export type ResourceStatus = ResourceSummary['status']
export type AccessPlatform = access.AccessPlatform
export type BuiltLink = ResponseOf<typeof access.buildAccessLinks>['items'][number]

export const READER_PAGE_SIZE = 20
export const STAFF_PAGE_SIZE = 50

export type DirectoryFilters = Omit<QueryInputOf<typeof eResources.listResources>, 'cursor' | 'limit'>

/** Retries what may pass on a second try (network, 5xx), never a refusal. */
export const noRetryOnClientErrors = (failures: number, error: unknown) =>
  !(error instanceof ApiProblem && error.status > 0 && error.status < 500) && failures < 2

/** A library's directory, a page at a time; the first page also lists the A–Z letters in use. */
export const useDirectory = (
  filters: DirectoryFilters,
  { pageSize, enabled = true }: { pageSize: number; enabled?: boolean },
) =>
  useInfiniteQuery({
    queryKey: ['e-resources', 'list', filters, pageSize],
    queryFn: ({ pageParam }) =>
      call(eResources.listResources, { query: { ...filters, cursor: pageParam, limit: pageSize } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientErrors,
    enabled,
  })

export const resourceKey = (resourceId: string | undefined) => ['e-resources', 'detail', resourceId] as const

export const useResource = (resourceId: string | undefined) =>
  useQuery({
    queryKey: resourceKey(resourceId),
    queryFn: () => call(eResources.getResource, { params: { resourceId: resourceId! } }),
    enabled: !!resourceId,
    retry: noRetryOnClientErrors,
  })

/** After a change: the resource in the cache, every list that shows it fetched again. */
const useSettle = () => {
  const queryClient = useQueryClient()
  return (detail: ResourceDetail) => {
    queryClient.setQueryData(resourceKey(detail.id), detail)
    void queryClient.invalidateQueries({ queryKey: ['e-resources', 'list'] })
  }
}

export const useSaveResource = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: ({
      resourceId,
      body,
    }: {
      resourceId?: string | undefined
      body: eResources.ResourceInput
    }) =>
      resourceId
        ? call(eResources.updateResource, { params: { resourceId }, body })
        : call(eResources.createResource, { body }),
    onSuccess: settle,
  })
}

export const useChangeStatus = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: ({ resourceId, status }: { resourceId: string; status: ResourceStatus }) =>
      call(eResources.changeResourceStatus, { params: { resourceId }, body: { status } }),
    onSuccess: settle,
  })
}

/** Records that a route was tried from off campus; the resource comes back with its latest tests. */
export const useRecordAccessTest = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: ({
      resourceId,
      body,
    }: {
      resourceId: string
      body: BodyInputOf<typeof eResources.recordAccessTest>
    }) => call(eResources.recordAccessTest, { params: { resourceId }, body }),
    onSuccess: settle,
  })
}

export const useAccessSettings = () =>
  useQuery({ queryKey: ['e-resources', 'settings'], queryFn: () => call(access.getAccessSettings) })

export const useSaveAccessSettings = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: access.AccessSettings) => call(access.putAccessSettings, { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['e-resources', 'settings'], saved)
      // Every link is built from these settings.
      void queryClient.invalidateQueries({ queryKey: ['e-resources', 'detail'] })
    },
  })
}

export const useAccessPlatforms = (enabled = true) =>
  useQuery({
    queryKey: ['e-resources', 'platforms'],
    queryFn: () => call(access.listAccessPlatforms),
    staleTime: 5 * 60_000,
    enabled,
  })

export const useSavePlatform = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: BodyInputOf<typeof access.putAccessPlatform> }) =>
      call(access.putAccessPlatform, { params: { code }, body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['e-resources', 'platforms'] })
      void queryClient.invalidateQueries({ queryKey: ['e-resources', 'detail'] })
    },
  })
}

/** Whose discipline list: a library's code for a guest, `null` for the signed-in caller's own. */
export const disciplinesKey = (library: string | null) => ['e-resources', 'disciplines', library] as const

/** A library's discipline list (学科列表): its own, or the national categories. */
export const useDisciplines = (library: string | null, enabled = true) =>
  useQuery({
    queryKey: disciplinesKey(library),
    queryFn: () => call(disciplines.getDisciplines, { query: library ? { library } : {} }),
    staleTime: 5 * 60_000,
    retry: noRetryOnClientErrors,
    enabled,
  })

export const useSaveDisciplines = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: disciplines.DisciplineListInput) => call(disciplines.putDisciplines, { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(disciplinesKey(null), saved)
      void queryClient.invalidateQueries({ queryKey: ['e-resources', 'disciplines'] })
      // A renamed discipline finds its resources by the new name.
      void queryClient.invalidateQueries({ queryKey: ['e-resources', 'list'] })
    },
  })
}

/** The library's staff, to pick who looks after a resource. */
export const useLibraryStaff = (libraryId: string | undefined) =>
  useQuery({
    queryKey: ['e-resources', 'staff', libraryId],
    queryFn: () => call(requests.listRequestStaff, { params: { libraryId: libraryId! } }),
    enabled: !!libraryId,
    staleTime: 5 * 60_000,
  })

export const useBuildLinks = () =>
  useMutation({ mutationFn: (urls: string[]) => call(access.buildAccessLinks, { body: { urls } }) })

export const useResourceUsage = (from: string, to: string) =>
  useQuery({
    queryKey: ['e-resources', 'usage', from, to],
    queryFn: () => call(eResources.resourceUsage, { query: { from, to } }),
    placeholderData: keepPreviousData,
  })
