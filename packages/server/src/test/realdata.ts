import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Real files from outside the project (../shared/realdata beside the checkout, or
 * SHUQIAO_REALDATA): read where they are, never copied. Tests of them run where they are present.
 */
export const realdataDir = (kind: 'courses' | 'kbart' | 'ezproxy' | 'counter' | 'marc') =>
  join(
    process.env.SHUQIAO_REALDATA ??
      fileURLToPath(new URL('../../../../../shared/realdata/', import.meta.url)),
    kind,
  )
