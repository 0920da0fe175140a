import type { AccessTable } from '../../test/access.ts'

/** Who may call each notifications route; merged into the access-matrix test. */
export const NOTIFICATIONS_ACCESS: AccessTable = {}
