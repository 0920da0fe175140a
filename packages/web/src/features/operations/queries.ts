import { type BodyInputOf, phases } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export type Phase = phases.Phase
export type PhaseBook = phases.PhaseBook
export type PhaseSwitch = phases.PhaseSwitch
export type SwitchEffect = phases.SwitchEffect
export type PhaseDraft = BodyInputOf<typeof phases.savePhases>['phases'][number]
type SwitchBody = BodyInputOf<typeof phases.switchPhase>

const query = (libraryId: string | undefined) => (libraryId ? { libraryId } : {})

export const usePhaseBook = (libraryId: string | undefined, enabled = true) =>
  useQuery({
    queryKey: ['operations', 'phases', libraryId ?? 'mine'],
    queryFn: () => call(phases.getPhases, { query: query(libraryId) }),
    enabled,
  })

export const usePhaseSwitches = (libraryId: string | undefined, enabled = true) =>
  useQuery({
    queryKey: ['operations', 'switches', libraryId ?? 'mine'],
    queryFn: () => call(phases.listPhaseSwitches, { query: query(libraryId) }),
    enabled,
  })

/** After a save, a switch or an undo, the book, the history and the board are out of date. */
const useSettle = () => {
  const queryClient = useQueryClient()
  return () => void queryClient.invalidateQueries({ queryKey: ['operations'] })
}

export const useSavePhases = (libraryId: string | undefined) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: { phases: PhaseDraft[]; seen: string | null }) =>
      call(phases.savePhases, { query: query(libraryId), body }),
    onSuccess: settle,
  })
}

export const usePreviewSwitch = (libraryId: string | undefined, body: SwitchBody | undefined) =>
  useQuery({
    queryKey: ['operations', 'preview', libraryId ?? 'mine', body],
    queryFn: () => call(phases.previewPhaseSwitch, { query: query(libraryId), body: body! }),
    enabled: !!body,
    retry: false,
    gcTime: 0,
  })

export const useSwitchPhase = (libraryId: string | undefined) => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (body: SwitchBody) => call(phases.switchPhase, { query: query(libraryId), body }),
    onSettled: settle,
  })
}

export const useUndoSwitch = () => {
  const settle = useSettle()
  return useMutation({
    mutationFn: (switchId: string) => call(phases.undoPhaseSwitch, { params: { switchId } }),
    onSettled: settle,
  })
}

export const useServiceBoard = (libraryCode: string) =>
  useQuery({
    queryKey: ['operations', 'board', libraryCode],
    queryFn: () => call(phases.getServiceBoard, { params: { libraryCode } }),
    refetchInterval: 60_000,
  })
