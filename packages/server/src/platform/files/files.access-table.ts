import type { AccessTable } from '../../test/access.ts'

/** Who may call each files route; merged into the access-matrix test. */
export const FILES_ACCESS: AccessTable = {}
