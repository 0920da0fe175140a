import type { RecordMeasure, RecordMeasures } from './phase-effects.ts'

/**
 * The circulation services behind the measures that change records. A measure missing here is
 * listed in a switch's preview and history with nothing counted or applied.
 */
export const RECORD_MEASURES: Partial<RecordMeasures> = {}

export const recordMeasureFor = (kind: string) =>
  RECORD_MEASURES[kind as keyof RecordMeasures] as RecordMeasure<unknown> | undefined
