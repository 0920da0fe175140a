import { phases } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { PhaseRow } from './phases.repository.ts'

type Effect = phases.SwitchEffect
type Measures = phases.PhaseMeasures

export const servicesOf = (row: PhaseRow) => row.services as phases.Phase['services']
export const measuresOf = (row: PhaseRow) => phases.PhaseMeasures.parse(row.measures)

/**
 * A measure that changes records (loans, fines, limits): counted for the preview, applied as one
 * batch the switch keeps, and undone by that batch. The circulation module owns the records;
 * these call its services.
 */
export interface RecordMeasure<P> {
  count(trx: Kysely<DB>, libraryId: string, params: P, now: Date): Promise<number>
  apply(
    trx: Kysely<DB>,
    libraryId: string,
    params: P,
    now: Date,
    actor: { accountId: string; reason: string },
  ): Promise<{ batchId: string; count: number }>
  /** Restores what the batch changed; returns how many records others changed since, left alone. */
  undo(
    trx: Kysely<DB>,
    libraryId: string,
    batchId: string,
    now: Date,
    accountId: string,
  ): Promise<{ changedSince: number }>
}

export interface RecordMeasures {
  extend_due_dates: RecordMeasure<NonNullable<Measures['extendDueDates']>>
  waive_fines: RecordMeasure<true>
  raise_limits: RecordMeasure<NonNullable<Measures['raiseLimits']>>
}

/** The record measures a target phase applies, with their parameters. */
export const recordMeasuresOf = (measures: Measures) =>
  [
    measures.extendDueDates && { kind: 'extend_due_dates' as const, params: measures.extendDueDates },
    measures.waiveFines && { kind: 'waive_fines' as const, params: true as const },
    measures.raiseLimits && { kind: 'raise_limits' as const, params: measures.raiseLimits },
  ].filter((measure) => !!measure)

/**
 * What switching from one phase to another changes, before any record is counted: each
 * service whose status differs, and the policies that turn on or off. A library with no phase
 * yet counts every service as normal and every policy off.
 */
export const policyEffects = (from: PhaseRow | undefined, to: PhaseRow): Effect[] => {
  const before = from ? servicesOf(from) : undefined
  const after = servicesOf(to)
  const effects: Effect[] = phases.SERVICES.filter(
    (service) => (before?.[service]?.status ?? null) !== after[service]?.status,
  ).map((service) => ({
    kind: 'service_status',
    service,
    from: before?.[service]?.status ?? null,
    to: after[service]?.status ?? 'normal',
  }))
  const was = from ? measuresOf(from) : undefined
  const will = measuresOf(to)
  for (const [kind, key] of [
    ['free_document_delivery', 'freeDocumentDelivery'],
    ['pickup', 'pickup'],
  ] as const) {
    const on = will[key]
    if ((was?.[key] ?? false) !== on) effects.push({ kind, from: on ? 'off' : 'on', to: on ? 'on' : 'off' })
  }
  return effects
}
