import { type BodyInputOf, closureMeasures } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export type ClosureBatch = closureMeasures.ClosureBatch
export type LimitRaise = closureMeasures.LimitRaise
export type DueDateInput = BodyInputOf<typeof closureMeasures.applyDueDateChange>
export type SpreadInput = BodyInputOf<typeof closureMeasures.applyReturnSpread>
export type WaiverInput = BodyInputOf<typeof closureMeasures.applyFineWaiver>
export type RaiseInput = BodyInputOf<typeof closureMeasures.createLimitRaise>

/** After a measure is applied or undone, every circulation list may have changed. */
const useSettle = () => {
  const queryClient = useQueryClient()
  return () => void queryClient.invalidateQueries({ queryKey: ['circulation'] })
}

export const useClosureBatches = () =>
  useQuery({
    queryKey: ['circulation', 'closure', 'batches'],
    queryFn: () => call(closureMeasures.listClosureBatches),
  })

export const useLimitRaises = () =>
  useQuery({
    queryKey: ['circulation', 'closure', 'limit-raises'],
    queryFn: () => call(closureMeasures.listLimitRaises),
  })

export const usePreviewDueDates = () =>
  useMutation({ mutationFn: (body: DueDateInput) => call(closureMeasures.previewDueDateChange, { body }) })

export const useApplyDueDates = () =>
  useMutation({
    mutationFn: (body: DueDateInput) => call(closureMeasures.applyDueDateChange, { body }),
    onSuccess: useSettle(),
  })

export const usePreviewSpread = () =>
  useMutation({ mutationFn: (body: SpreadInput) => call(closureMeasures.previewReturnSpread, { body }) })

export const useApplySpread = () =>
  useMutation({
    mutationFn: (body: SpreadInput) => call(closureMeasures.applyReturnSpread, { body }),
    onSuccess: useSettle(),
  })

export const usePreviewWaiver = () =>
  useMutation({ mutationFn: (body: WaiverInput) => call(closureMeasures.previewFineWaiver, { body }) })

export const useApplyWaiver = () =>
  useMutation({
    mutationFn: (body: WaiverInput) => call(closureMeasures.applyFineWaiver, { body }),
    onSuccess: useSettle(),
  })

export const useUndoBatch = () =>
  useMutation({
    mutationFn: (batchId: string) => call(closureMeasures.undoClosureBatch, { params: { batchId } }),
    onSuccess: useSettle(),
  })

export const useCreateRaise = () =>
  useMutation({
    mutationFn: (body: RaiseInput) => call(closureMeasures.createLimitRaise, { body }),
    onSuccess: useSettle(),
  })

export const useEndRaise = () =>
  useMutation({
    mutationFn: (raiseId: string) => call(closureMeasures.endLimitRaise, { params: { raiseId } }),
    onSuccess: useSettle(),
  })
