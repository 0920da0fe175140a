import { courseImports, courses, courseTerms } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createCourseImportService } from './course-import.service.ts'
import { courseTitleRoutes } from './course-titles.routes.ts'
import { createCoursesService } from './courses.service.ts'
import { coverageRoutes } from './coverage.routes.ts'
import { eHoldingRoutes } from './e-holdings.routes.ts'
import { createMyCoursesService } from './my-courses.service.ts'
import { reserveItemRoutes } from './reserve-items.routes.ts'
import { createTermsService } from './terms.service.ts'
import { titleFulfilmentRoutes } from './title-fulfilment.routes.ts'

export const courseReserveRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const terms = createTermsService(ctx)
  const list = createCoursesService(ctx)
  const imports = createCourseImportService(ctx)
  const mine = createMyCoursesService(ctx)

  mount(app, ctx, courseTerms.listTerms, ({ caller }) => terms.list(caller))
  mount(app, ctx, courseTerms.createTerm, ({ caller, request, body }) =>
    terms.create(caller, request.id, body),
  )
  mount(app, ctx, courseTerms.updateTerm, ({ caller, request, params, body }) =>
    terms.update(caller, request.id, params.termId, body),
  )
  mount(app, ctx, courses.listCourses, ({ caller, query }) => list.list(caller, query))
  mount(app, ctx, courses.getCourse, ({ caller, params }) => list.detail(caller, params.courseId))
  mount(app, ctx, courses.updateCourse, ({ caller, request, params, body }) =>
    list.update(caller, request.id, params.courseId, body),
  )
  mount(app, ctx, courses.linkTeacher, ({ caller, request, params, body }) =>
    list.linkTeacher(caller, request.id, params.courseId, params.teacherId, body.accountId),
  )
  mount(app, ctx, courseImports.importCourses, ({ caller, request, body }) =>
    imports.run(caller, request.id, body),
  )
  mount(app, ctx, courses.listMyCourses, ({ caller }) => mine.list(caller))
  courseTitleRoutes(app, ctx)
  eHoldingRoutes(app, ctx)
  titleFulfilmentRoutes(app, ctx)
  coverageRoutes(app, ctx)
  reserveItemRoutes(app, ctx)
}
