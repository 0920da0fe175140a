import { type BodyInputOf, libraries } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export const useCalendar = (libraryId: string | undefined, from: string, to: string) =>
  useQuery({
    queryKey: ['calendar', libraryId, from, to],
    queryFn: () => call(libraries.getCalendar, { params: { libraryId: libraryId! }, query: { from, to } }),
    enabled: !!libraryId,
    staleTime: 60_000,
  })

/** Query options for a library's departments, shared by useDepartments and lists that need names. */
export const departmentsQuery = (libraryId: string | undefined) => ({
  queryKey: ['departments', libraryId],
  queryFn: () => call(libraries.listDepartments, { params: { libraryId: libraryId! } }),
  enabled: !!libraryId,
  staleTime: 5 * 60_000,
})

export const useDepartments = (libraryId: string | undefined) => useQuery(departmentsQuery(libraryId))

export const useCreateLibrary = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof libraries.createLibrary>) =>
      call(libraries.createLibrary, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['libraries'] }),
  })
}

export const useUpdateLibrary = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      libraryId,
      body,
    }: {
      libraryId: string
      body: { nameZh?: string; nameEn?: string; timeZone?: string; openWeekdays?: number[] }
    }) => call(libraries.updateLibrary, { params: { libraryId }, body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['libraries'] }),
        queryClient.invalidateQueries({ queryKey: ['calendar'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]),
  })
}

export const useSetCalendarDays = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      libraryId,
      body,
    }: {
      libraryId: string
      body: { from: string; to: string; open: boolean | null; note?: string }
    }) => call(libraries.setCalendarDays, { params: { libraryId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar'] }),
  })
}

export const useCreateDepartment = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      libraryId,
      body,
    }: {
      libraryId: string
      body: { code: string; nameZh: string; nameEn: string }
    }) => call(libraries.createDepartment, { params: { libraryId }, body }),
    onSuccess: (_, { libraryId }) => queryClient.invalidateQueries({ queryKey: ['departments', libraryId] }),
  })
}
