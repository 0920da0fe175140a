import { courseTitles, titleImports } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createCourseTitlesService } from './course-titles.service.ts'
import { createTitleImportService } from './title-import.service.ts'
import { createTitleListService } from './title-list.service.ts'

/** What courses require: their teachers' titles, and staff's list of a term's titles and matches. */
export const courseTitleRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const ofCourse = createCourseTitlesService(ctx)
  const list = createTitleListService(ctx)
  const imports = createTitleImportService(ctx)

  mount(app, ctx, courseTitles.listCourseTitles, ({ caller, params }) =>
    ofCourse.list(caller, params.courseId),
  )
  mount(app, ctx, courseTitles.addCourseTitle, ({ caller, request, params, body }) =>
    ofCourse.add(caller, request.id, params.courseId, body),
  )
  mount(app, ctx, courseTitles.pasteCourseTitles, ({ caller, request, params, body }) =>
    ofCourse.paste(caller, request.id, params.courseId, body),
  )
  mount(app, ctx, courseTitles.removeCourseTitle, async ({ caller, request, params }) => {
    await ofCourse.remove(caller, request.id, params.courseId, params.titleId)
    return undefined
  })
  mount(app, ctx, courseTitles.listTitles, ({ caller, query }) => list.list(caller, query))
  mount(app, ctx, courseTitles.acceptMatch, ({ caller, request, params }) =>
    list.accept(caller, request.id, params.titleId, params.matchId),
  )
  mount(app, ctx, courseTitles.rejectMatch, ({ caller, request, params }) =>
    list.reject(caller, request.id, params.titleId, params.matchId),
  )
  mount(app, ctx, courseTitles.matchTitles, ({ caller }) => list.matchAll(caller))
  mount(app, ctx, titleImports.importDemandList, ({ caller, request, body }) =>
    imports.run(caller, request.id, body),
  )
}
