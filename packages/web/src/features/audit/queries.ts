import { audit } from '@shuqiao/contracts'
import { useInfiniteQuery } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export const AUDIT_PAGE_SIZE = 30

export interface AuditFilters {
  action?: string | undefined
  entityType?: string | undefined
  from?: string | undefined
  to?: string | undefined
  libraryId?: string | undefined
}

/** Audit events newest first, a page at a time. */
export const useAuditEvents = (filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: ['audit-events', filters],
    queryFn: ({ pageParam }) =>
      call(audit.listAuditEvents, { query: { ...filters, cursor: pageParam, limit: AUDIT_PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
