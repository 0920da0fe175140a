import { referenceDesk } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'
import { DESK_KEY } from './queries.ts'

const SUBJECT_KEY = [...DESK_KEY, 'subject-librarians'] as const

export const useSubjectLibrarians = () =>
  useQuery({
    queryKey: SUBJECT_KEY,
    queryFn: () => call(referenceDesk.listSubjectLibrarians, { query: {} }),
  })

export const useSetSubjectDisciplines = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ accountId, disciplines }: { accountId: string; disciplines: string[] }) =>
      call(referenceDesk.setSubjectDisciplines, { params: { accountId }, body: { disciplines } }),
    onSuccess: () => client.invalidateQueries({ queryKey: SUBJECT_KEY }),
  })
}
