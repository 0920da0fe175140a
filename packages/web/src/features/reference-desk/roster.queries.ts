import { type BodyInputOf, referenceDesk } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'
import { DESK_KEY } from './queries.ts'

const ROSTER_KEY = [...DESK_KEY, 'roster'] as const

export const useShifts = () =>
  useQuery({
    queryKey: [...ROSTER_KEY, 'shifts'],
    queryFn: () => call(referenceDesk.listShifts, { query: {} }),
  })

/** The week holding `start` ('YYYY-MM-DD'); this week when none. */
export const useRosterWeek = (start: string | undefined) =>
  useQuery({
    queryKey: [...ROSTER_KEY, 'week', start],
    queryFn: () => call(referenceDesk.getRosterWeek, { query: start ? { start } : {} }),
  })

export const useSaveShift = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: BodyInputOf<typeof referenceDesk.createShift> }) =>
      id
        ? call(referenceDesk.updateShift, { params: { shiftId: id }, body })
        : call(referenceDesk.createShift, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: DESK_KEY }),
  })
}

export const useDeleteShift = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (shiftId: string) => call(referenceDesk.deleteShift, { params: { shiftId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: DESK_KEY }),
  })
}
