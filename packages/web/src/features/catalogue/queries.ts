import { catalogue, type QueryInputOf } from '@shuqiao/contracts'
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export type CatalogueItem = catalogue.CatalogueItem
export type CatalogueImport = catalogue.CatalogueImport
export type ImportDetail = catalogue.CatalogueImportDetail

export const ITEMS_PAGE_SIZE = 30
export const READER_PAGE_SIZE = 20
export const IMPORTS_PAGE_SIZE = 20

export interface ItemFilters {
  q?: string | undefined
  status?: CatalogueItem['status'] | undefined
  materialType?: CatalogueItem['materialType'] | undefined
  location?: string | undefined
  libraryId?: string | undefined
}

/**
 * Items of a library matching the filters, a page at a time; each page also lists the
 * library's shelf locations. Waits for a library when the caller has to name one.
 */
export const useCatalogueSearch = (
  filters: ItemFilters,
  { pageSize = ITEMS_PAGE_SIZE, enabled = true }: { pageSize?: number; enabled?: boolean } = {},
) =>
  useInfiniteQuery({
    queryKey: ['catalogue', 'items', filters, pageSize],
    queryFn: ({ pageParam }) =>
      call(catalogue.searchCatalogue, { query: { ...filters, cursor: pageParam, limit: pageSize } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  })

export type HoldingsQuery = QueryInputOf<typeof catalogue.checkHoldings>

/** Whether the library has a book; nothing is asked while `query` is undefined. */
export const useHoldings = (query: HoldingsQuery | undefined) =>
  useQuery({
    queryKey: ['catalogue', 'holdings', query],
    queryFn: () => call(catalogue.checkHoldings, { query: query! }),
    enabled: !!query,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  })

/** Earlier imports of the caller's library, newest first. */
export const useImports = () =>
  useInfiniteQuery({
    queryKey: ['catalogue', 'imports'],
    queryFn: ({ pageParam }) =>
      call(catalogue.listCatalogueImports, { query: { cursor: pageParam, limit: IMPORTS_PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const importKey = (importId: string | undefined) => ['catalogue', 'import', importId] as const

export const useImport = (importId: string | undefined) =>
  useQuery({
    queryKey: importKey(importId),
    queryFn: () => call(catalogue.getCatalogueImport, { params: { importId: importId! } }),
    enabled: !!importId,
  })

/** Keeps the cached import and the lists that show it up to date after a change. */
const useSettle = () => {
  const queryClient = useQueryClient()
  return (detail: ImportDetail) => {
    queryClient.setQueryData(importKey(detail.id), detail)
    void queryClient.invalidateQueries({ queryKey: ['catalogue', 'imports'] })
    void queryClient.invalidateQueries({ queryKey: ['catalogue', 'items'] })
    void queryClient.invalidateQueries({ queryKey: ['catalogue', 'holdings'] })
  }
}

export const useApplyImport = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (importId: string) => call(catalogue.applyCatalogueImport, { params: { importId } }),
    onSuccess: settle,
  })
}

export const useDiscardImport = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (importId: string) => call(catalogue.discardCatalogueImport, { params: { importId } }),
    onSuccess: settle,
  })
}

/** After an upload: the new preview in the cache, and the history list refreshed. */
export const useRememberPreview = () => {
  const queryClient = useQueryClient()
  return (detail: ImportDetail) => {
    queryClient.setQueryData(importKey(detail.id), detail)
    void queryClient.invalidateQueries({ queryKey: ['catalogue', 'imports'] })
  }
}
