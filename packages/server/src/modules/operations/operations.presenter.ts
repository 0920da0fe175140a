import { phases } from '@shuqiao/contracts'
import type { PhaseRow, SwitchRow } from './phases.repository.ts'

/** A phase's services in the contract's order, every service present (normal when missing). */
export const canonicalServices = (services: unknown): phases.Phase['services'] => {
  const given = (services ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    phases.SERVICES.map((service) => [
      service,
      phases.PhaseService.parse(given[service] ?? { status: 'normal' }),
    ]),
  ) as phases.Phase['services']
}

export const presentPhase = (row: PhaseRow): phases.Phase => ({
  id: row.id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  noticeZh: row.notice_zh,
  noticeEn: row.notice_en,
  services: canonicalServices(row.services),
  measures: phases.PhaseMeasures.parse(row.measures),
  updatedAt: row.updated_at.toISOString(),
})

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null)

export const presentSwitch = (row: SwitchRow, latestUndoable: string | null): phases.PhaseSwitch => ({
  id: row.id,
  from: row.from_name_zh
    ? { id: row.from_phase_id, nameZh: row.from_name_zh, nameEn: row.from_name_en ?? '' }
    : null,
  to: { id: row.to_phase_id, nameZh: row.to_name_zh, nameEn: row.to_name_en },
  effects: row.effects as phases.SwitchEffect[],
  switchedAt: row.switched_at.toISOString(),
  switchedBy: person(row.switched_by, row.switched_by_name),
  undoneAt: row.undone_at?.toISOString() ?? null,
  undoneBy: person(row.undone_by, row.undone_by_name),
  undoReport: (row.undo_report as phases.PhaseSwitch['undoReport']) ?? null,
  undoable: row.id === latestUndoable,
})
