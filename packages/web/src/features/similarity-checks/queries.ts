import { type BodyInputOf, type ResponseOf, similarityChecks as sc } from '@shuqiao/contracts'
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { call, isProblem } from '../../api/client.ts'
import { send } from '../requests/api.ts'

export type Batch = sc.Batch
export type BatchDetail = sc.BatchDetail
export type Thesis = sc.Thesis
export type ThesisDetail = sc.ThesisDetail
export type ThesisPreview = sc.ThesisImportPreview
export type ResultPreview = sc.ResultImportPreview
export type BulkReportAnswer = sc.BulkReportAnswer
export type BulkReportFile = sc.BulkReportFile

export const BATCHES_PAGE_SIZE = 30
/** A batch of 800 master's theses loads in two pages. */
export const THESES_PAGE_SIZE = 500

export interface BatchFilters {
  libraryId?: string | undefined
  degree?: sc.Degree | undefined
  service?: sc.Service | undefined
  state?: 'open' | 'done' | undefined
  q?: string | undefined
}

export const useBatches = (filters: BatchFilters) =>
  useInfiniteQuery({
    queryKey: ['similarity', 'batches', filters],
    queryFn: ({ pageParam }) =>
      call(sc.listBatches, { query: { ...filters, cursor: pageParam, limit: BATCHES_PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  })

export const batchKey = (batchId: string | undefined) => ['similarity', 'batch', batchId] as const

export const useBatch = (batchId: string | undefined) =>
  useQuery({
    queryKey: batchKey(batchId),
    queryFn: () => call(sc.getBatch, { params: { batchId: batchId! } }),
    enabled: !!batchId,
    retry: (failures, error) => !isProblem(error, 'not_found', 'forbidden') && failures < 2,
  })

export interface ThesisFilters {
  status?: sc.ThesisStatus | undefined
  verdict?: 'passed' | 'failed' | undefined
  department?: string | undefined
  q?: string | undefined
}

export const useTheses = (batchId: string | undefined, filters: ThesisFilters) =>
  useInfiniteQuery({
    queryKey: ['similarity', 'theses', batchId, filters],
    queryFn: ({ pageParam }) =>
      call(sc.listTheses, {
        params: { batchId: batchId! },
        query: { ...filters, cursor: pageParam, limit: THESES_PAGE_SIZE },
      }),
    enabled: !!batchId,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  })

export const thesisKey = (thesisId: string | undefined) => ['similarity', 'thesis', thesisId] as const

export const useThesis = (thesisId: string | undefined) =>
  useQuery({
    queryKey: thesisKey(thesisId),
    queryFn: () => call(sc.getThesis, { params: { thesisId: thesisId! } }),
    enabled: !!thesisId,
  })

export const useMyTheses = () =>
  useQuery({
    queryKey: ['similarity', 'mine'],
    queryFn: () => call(sc.listMyTheses, { query: { limit: 50 } }),
    staleTime: 30_000,
  })

/** After any change: batches, counts and theses are refetched; a returned thesis is shown at once. */
const useSettle = () => {
  const queryClient = useQueryClient()
  return (thesis?: ThesisDetail) => {
    if (thesis) queryClient.setQueryData(thesisKey(thesis.id), thesis)
    return queryClient.invalidateQueries({ queryKey: ['similarity'] })
  }
}

export const useCreateBatch = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof sc.createBatch>) => call(sc.createBatch, { body }),
    onSuccess: () => settle(),
  })
}

export const useUpdateBatch = (batchId: string) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof sc.updateBatch>) =>
      call(sc.updateBatch, { params: { batchId }, body }),
    onSuccess: () => settle(),
  })
}

export const useDeleteBatch = (batchId: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => call(sc.deleteBatch, { params: { batchId } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: batchKey(batchId) })
      return queryClient.invalidateQueries({ queryKey: ['similarity', 'batches'] })
    },
  })
}

export const useAddThesis = (batchId: string) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof sc.addThesis>) => call(sc.addThesis, { params: { batchId }, body }),
    onSuccess: (thesis) => settle(thesis),
  })
}

export const useUpdateThesis = (thesisId: string) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof sc.updateThesis>) =>
      call(sc.updateThesis, { params: { thesisId }, body }),
    onSuccess: (thesis) => settle(thesis),
  })
}

/** One step of one thesis; keeps the 409's allowed steps (RequestProblem) for the message. */
export const useThesisStep = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: ({ thesisId, body }: { thesisId: string; body: BodyInputOf<typeof sc.transitionThesis> }) =>
      send(sc.transitionThesis, { params: { thesisId }, body }),
    onSuccess: (thesis) => settle(thesis),
    onError: (error) => {
      if (isProblem(error, 'illegal_transition')) void settle()
    },
  })
}

export const useBulkStep = (batchId: string) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof sc.bulkTransition>) =>
      call(sc.bulkTransition, { params: { batchId }, body }),
    onSuccess: () => settle(),
  })
}

export const useAttachReport = (thesisId: string) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (fileId: string) => call(sc.attachReport, { params: { thesisId }, body: { fileId } }),
    onSuccess: (thesis) => settle(thesis),
  })
}

type ImportKind = 'theses' | 'results'
export type Preview = ResponseOf<typeof sc.importTheses> | ResponseOf<typeof sc.importResults>

/** Previews (dry run) or applies an uploaded list or results file. */
export const useImport = (batchId: string, kind: ImportKind) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: ({ fileId, dryRun }: { fileId: string; dryRun: boolean }): Promise<Preview> =>
      kind === 'theses'
        ? call(sc.importTheses, { params: { batchId }, body: { fileId, dryRun } })
        : call(sc.importResults, { params: { batchId }, body: { fileId, dryRun } }),
    onSuccess: (_, { dryRun }) => {
      if (!dryRun) void settle()
    },
  })
}

/** How the names of report files picked for a bulk upload match the batch's theses. */
export const useReportsPreview = (batchId: string) =>
  useMutation({
    mutationFn: (files: { name: string; size: number }[]) =>
      call(sc.previewBulkReports, { params: { batchId }, body: { files } }),
  })

/** After a bulk upload of reports (sent with postFiles, for its progress): theses and counts are refetched. */
export const useReportsUploaded = () => {
  const settle = useSettle()
  return () => void settle()
}
