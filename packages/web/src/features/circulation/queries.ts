import { circulationImports, loanRules, loans, type QueryInputOf, quarantine } from '@shuqiao/contracts'
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export type Loan = loans.Loan
export type Fine = loans.Fine
export type ReaderAtDesk = loans.ReaderAtDesk
export type LoanRule = loanRules.LoanRule
export type CirculationImport = circulationImports.CirculationImport
export type ImportDetail = circulationImports.CirculationImportDetail

export const LOANS_PAGE_SIZE = 30

/** After any lending change, every list that shows loans, fines or items is out of date. */
const useAfterLending = () => {
  const queryClient = useQueryClient()
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['circulation'] })
    void queryClient.invalidateQueries({ queryKey: ['catalogue', 'items'] })
  }
}

export const useMyLoans = () =>
  useQuery({ queryKey: ['circulation', 'mine'], queryFn: () => call(loans.listMyLoans) })

export const useRenewMyLoan = () => {
  const settle = useAfterLending()
  return useMutation({
    mutationFn: (loan: Pick<Loan, 'id' | 'dueAt'>) =>
      call(loans.renewMyLoan, { params: { loanId: loan.id }, body: { seenDueAt: loan.dueAt } }),
    onSuccess: settle,
  })
}

/** A reader at the desk, once their number has been scanned or typed. */
export const useReaderAtDesk = (readerNumber: string | undefined) =>
  useQuery({
    queryKey: ['circulation', 'reader', readerNumber],
    queryFn: () => call(loans.findReaderAtDesk, { params: { readerNumber: readerNumber! } }),
    enabled: !!readerNumber,
    retry: false,
  })

export const useCheckOut = () => {
  const settle = useAfterLending()
  return useMutation({
    mutationFn: (body: { readerNumber: string; barcode: string }) => call(loans.checkOut, { body }),
    onSuccess: settle,
  })
}

export const useCheckIn = () => {
  const settle = useAfterLending()
  return useMutation({
    mutationFn: (barcode: string) => call(loans.checkIn, { body: { barcode } }),
    onSuccess: settle,
  })
}

export const useRenewAtDesk = () => {
  const settle = useAfterLending()
  return useMutation({
    mutationFn: (barcode: string) => call(loans.renewAtDesk, { body: { barcode } }),
    onSuccess: settle,
  })
}

export const useSettleFine = () => {
  const settle = useAfterLending()
  return useMutation({
    mutationFn: ({ fineId, status, note }: { fineId: string; status: 'paid' | 'waived'; note?: string }) =>
      call(loans.settleFine, { params: { fineId }, body: { status, ...(note ? { note } : {}) } }),
    onSuccess: settle,
  })
}

export type LoanFilters = Omit<NonNullable<QueryInputOf<typeof loans.listLoans>>, 'cursor' | 'limit'>

export const useLoans = (filters: LoanFilters, enabled = true) =>
  useInfiniteQuery({
    queryKey: ['circulation', 'loans', filters],
    queryFn: ({ pageParam }) =>
      call(loans.listLoans, { query: { ...filters, cursor: pageParam, limit: LOANS_PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  })

export const useLoanRules = (libraryId: string | undefined, enabled = true) =>
  useQuery({
    queryKey: ['circulation', 'rules', libraryId],
    queryFn: () => call(loanRules.getLoanRules, { query: { libraryId } }),
    enabled,
  })

export const useSaveLoanRules = (libraryId: string | undefined) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (rules: LoanRule[]) =>
      call(loanRules.saveLoanRules, { query: { libraryId }, body: { rules } }),
    onSuccess: (saved) => queryClient.setQueryData(['circulation', 'rules', libraryId], saved),
  })
}

export const useImports = () =>
  useInfiniteQuery({
    queryKey: ['circulation', 'imports'],
    queryFn: ({ pageParam }) =>
      call(circulationImports.listCirculationImports, { query: { cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const importKey = (importId: string | undefined) => ['circulation', 'import', importId] as const

export const useImport = (importId: string | undefined) =>
  useQuery({
    queryKey: importKey(importId),
    queryFn: () => call(circulationImports.getCirculationImport, { params: { importId: importId! } }),
    enabled: !!importId,
  })

/** Apply or discard a previewed import; the import, the lists and the loans shown are refreshed. */
export const useImportAction = (action: 'apply' | 'discard') => {
  const queryClient = useQueryClient()
  const settle = useAfterLending()
  return useMutation({
    mutationFn: (importId: string) =>
      call(
        action === 'apply'
          ? circulationImports.applyCirculationImport
          : circulationImports.discardCirculationImport,
        { params: { importId } },
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData(importKey(detail.id), detail)
      settle()
    },
  })
}

export type QuarantineFilter = (typeof quarantine.QUARANTINE_FILTERS)[number]
export type QuarantinedItem = quarantine.QuarantinedItem

/** Items of the desk's library resting in quarantine, by when they leave it. */
export const useQuarantine = (show: QuarantineFilter) =>
  useQuery({
    queryKey: ['circulation', 'quarantine', show],
    queryFn: () => call(quarantine.listQuarantine, { query: { show } }),
    placeholderData: keepPreviousData,
  })

/** Put one item back on the shelf (`itemId`), or every item whose time has come (`due`). */
export const useReleaseFromQuarantine = () => {
  const settle = useAfterLending()
  return useMutation({
    mutationFn: (which: { itemId: string } | 'due') =>
      which === 'due'
        ? call(quarantine.releaseDueFromQuarantine)
        : call(quarantine.releaseFromQuarantine, { params: { itemId: which.itemId } }),
    onSuccess: settle,
  })
}

export const useQuarantinePeriods = (libraryId: string | undefined, enabled = true) =>
  useQuery({
    queryKey: ['circulation', 'quarantine-periods', libraryId],
    queryFn: () => call(quarantine.getQuarantinePeriods, { query: { libraryId } }),
    enabled,
  })

export const useSaveQuarantinePeriods = (libraryId: string | undefined) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (periods: quarantine.QuarantinePeriod[]) =>
      call(quarantine.saveQuarantinePeriods, { query: { libraryId }, body: { periods } }),
    onSuccess: (saved) => queryClient.setQueryData(['circulation', 'quarantine-periods', libraryId], saved),
  })
}
