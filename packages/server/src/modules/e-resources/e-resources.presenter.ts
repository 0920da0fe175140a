import type { eResources, RouteKind } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AccessRoute } from './access-links.ts'
import type { AccessTestRow, ResourceRow, RouteRow } from './e-resources.repository.ts'

type Summary = z.output<typeof eResources.ResourceSummary>
type Detail = z.output<typeof eResources.ResourceDetail>

/** A published trial past its end date is shown as expired, even before the sweep marks it. */
export const statusOf = (row: Pick<ResourceRow, 'status' | 'free_until'>, today: string) =>
  row.status === 'published' && row.free_until && row.free_until < today ? 'expired' : row.status

export const presentSummary = (row: ResourceRow, today: string): Summary => ({
  id: row.id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  aliases: row.aliases,
  vendor: row.vendor,
  kind: row.kind as Summary['kind'],
  subjects: row.subjects,
  status: statusOf(row, today),
  initial: row.initial,
  freeFrom: row.free_from,
  freeUntil: row.free_until,
  routes: row.route_kinds as RouteKind[],
})

export const presentRouteSetting = (route: RouteRow) => ({
  kind: route.kind as RouteKind,
  url: route.url,
  values: route.values,
  noteZh: route.note_zh,
  noteEn: route.note_en,
})

export const presentDetail = (
  row: ResourceRow,
  today: string,
  routes: RouteRow[] | null,
  access: AccessRoute[],
  tests: AccessTestRow[] = [],
): Detail => ({
  ...presentSummary(row, today),
  libraryId: row.library_id,
  platform: row.platform,
  descriptionZh: row.description_zh,
  descriptionEn: row.description_en,
  url: row.url,
  owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
  routeSettings: routes ? routes.map(presentRouteSetting) : [],
  access,
  accessTests: tests.map((test) => ({
    route: test.route,
    works: test.works,
    note: test.note,
    testedBy: test.tested_by_name,
    testedAt: test.tested_at.toISOString(),
  })),
  updatedAt: row.updated_at.toISOString(),
})

/** What the audit log keeps of a resource. */
export const auditSnapshot = (row: ResourceRow | undefined, routes: RouteRow[] = []) =>
  row
    ? {
        nameZh: row.name_zh,
        nameEn: row.name_en,
        kind: row.kind,
        url: row.url,
        status: row.status,
        freeFrom: row.free_from,
        freeUntil: row.free_until,
        routes: routes.map((route) => route.kind).join(','),
      }
    : null
