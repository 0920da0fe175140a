import { phases } from '@shuqiao/contracts'
import type { AppContext } from '../../context.ts'
import { ProblemError } from '../../http/problem.ts'
import { canonicalServices } from './operations.presenter.ts'

/**
 * The public status board (FEATURES M1): a library's current phase and each service's status,
 * for anyone, signed in or not. A library that has not chosen a phase shows every service normal.
 */
export const createServiceBoardService = (ctx: AppContext) => ({
  board: async (libraryCode: string): Promise<phases.ServiceBoard> => {
    const row = await ctx.db
      .selectFrom('libraries as l')
      .leftJoin('library_operating_states as s', 's.library_id', 'l.id')
      .leftJoin('operating_phases as p', 'p.id', 's.phase_id')
      .select([
        'l.code',
        'l.name_zh as library_zh',
        'l.name_en as library_en',
        's.since',
        'p.name_zh',
        'p.name_en',
        'p.notice_zh',
        'p.notice_en',
        'p.services',
        'p.updated_at',
      ])
      .where('l.code', '=', libraryCode)
      .executeTakeFirst()
    if (!row) throw new ProblemError('not_found')
    const services = canonicalServices(row.name_zh ? row.services : {})
    const phase =
      row.name_zh && row.since
        ? {
            nameZh: row.name_zh,
            nameEn: row.name_en ?? '',
            noticeZh: row.notice_zh ?? '',
            noticeEn: row.notice_en ?? '',
            since: row.since.toISOString(),
          }
        : null
    const updated = [row.since, row.updated_at].filter((at): at is Date => !!at)
    return {
      library: { code: row.code, nameZh: row.library_zh, nameEn: row.library_en },
      phase,
      services: phases.SERVICES.map((service) => {
        const { status, noteZh, noteEn } = services[service]
        return {
          service,
          nameZh: phases.SERVICE_LABELS[service].zh,
          nameEn: phases.SERVICE_LABELS[service].en,
          status,
          statusZh: phases.SERVICE_STATUS_LABELS[status].zh,
          statusEn: phases.SERVICE_STATUS_LABELS[status].en,
          noteZh,
          noteEn,
        }
      }),
      updatedAt: updated.length ? new Date(Math.max(...updated.map(Number))).toISOString() : null,
    }
  },
})
