import { accounts, type BodyInputOf, type Role } from '@shuqiao/contracts'
import { useInfiniteQuery, useMutation, useQueries, useQueryClient } from '@tanstack/react-query'
import { useMemo } from 'react'
import { call } from '../../api/client.ts'
import { departmentsQuery } from '../libraries/queries.ts'

export const ACCOUNTS_PAGE_SIZE = 20

export interface AccountFilters {
  q?: string | undefined
  role?: Role | undefined
  type?: 'student' | 'teacher' | 'staff' | undefined
  status?: 'active' | 'disabled' | undefined
  libraryId?: string | undefined
}

/** Accounts matching the filters, a page at a time ("load more" follows nextCursor). */
export const useAccounts = (filters: AccountFilters) =>
  useInfiniteQuery({
    queryKey: ['accounts', filters],
    queryFn: ({ pageParam }) =>
      call(accounts.listAccounts, { query: { ...filters, cursor: pageParam, limit: ACCOUNTS_PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

const useInvalidateAccounts = () => {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['accounts'] }),
      queryClient.invalidateQueries({ queryKey: ['me'] }),
    ])
}

export const useCreateAccount = () => {
  const invalidate = useInvalidateAccounts()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof accounts.createAccount>) => call(accounts.createAccount, { body }),
    onSuccess: invalidate,
  })
}

export const useUpdateAccount = () => {
  const invalidate = useInvalidateAccounts()
  return useMutation({
    mutationFn: ({
      accountId,
      body,
    }: {
      accountId: string
      body: BodyInputOf<typeof accounts.updateAccount>
    }) => call(accounts.updateAccount, { params: { accountId }, body }),
    onSuccess: invalidate,
  })
}

export const useSetRoles = () => {
  const invalidate = useInvalidateAccounts()
  return useMutation({
    mutationFn: ({
      accountId,
      body,
    }: {
      accountId: string
      body: BodyInputOf<typeof accounts.setAccountRoles>
    }) => call(accounts.setAccountRoles, { params: { accountId }, body }),
    onSuccess: invalidate,
  })
}

export const useResetPassword = () =>
  useMutation({
    mutationFn: ({ accountId, password }: { accountId: string; password: string }) =>
      call(accounts.resetAccountPassword, { params: { accountId }, body: { password } }),
  })

/** Department names by id for the given libraries (an account table may span several). */
export const useDepartmentNames = (libraryIds: readonly (string | null)[]) => {
  const ids = useMemo(() => [...new Set(libraryIds.filter((id): id is string => !!id))].sort(), [libraryIds])
  const results = useQueries({ queries: ids.map((libraryId) => departmentsQuery(libraryId)) })
  return useMemo(() => {
    const names = new Map<string, { nameZh: string; nameEn: string }>()
    for (const result of results)
      for (const department of result.data?.items ?? []) names.set(department.id, department)
    return names
  }, [results])
}
