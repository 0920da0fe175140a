import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { sendDownload } from '../../http/download.ts'
import { languageOf } from '../../http/language.ts'
import { mount } from '../../http/route.ts'
import { figuresFile } from './desk-figures.export.ts'
import { createDeskFiguresService } from './desk-figures.service.ts'

/** The desk's figures for the library's admin, on screen and as a spreadsheet. */
export const deskFigureRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const figures = createDeskFiguresService(ctx)
  mount(app, ctx, referenceDesk.getDeskFigures, ({ caller, query }) => figures.figures(caller, query))
  mount(app, ctx, referenceDesk.exportDeskFigures, async ({ caller, request, query, reply }) => {
    const result = await figures.figures(caller, query)
    const library = await ctx.db
      .selectFrom('libraries')
      .select('code')
      .where('id', '=', result.libraryId)
      .executeTakeFirstOrThrow()
    return sendDownload(
      reply,
      await figuresFile(result, library.code, query.table, query.format, languageOf(request)),
    )
  })
}
