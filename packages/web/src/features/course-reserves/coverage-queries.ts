import { coverage, type QueryInputOf } from '@shuqiao/contracts'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiProblem, call } from '../../api/client.ts'

export type CoverageScope = QueryInputOf<typeof coverage.getCoverage>

const noRetryOnClientErrors = (failures: number, error: unknown) =>
  !(error instanceof ApiProblem && error.status > 0 && error.status < 500) && failures < 2

/** A term's coverage figures, narrowed to a category or department when given. */
export const useCoverage = (termId: string | undefined, scope: CoverageScope) =>
  useQuery({
    queryKey: ['course-reserves', 'coverage', termId, scope],
    queryFn: () => call(coverage.getCoverage, { params: { termId: termId! }, query: scope }),
    enabled: !!termId,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientErrors,
  })

export const useSetCoverageTarget = (termId: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (targetPercent: number | null) =>
      call(coverage.setCoverageTarget, { params: { termId }, body: { targetPercent } }),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: ['course-reserves', 'coverage', termId] }),
  })
}
