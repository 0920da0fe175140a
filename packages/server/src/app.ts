import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyMultipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import fastifyWebsocket from '@fastify/websocket'
import Fastify, { type FastifyInstance } from 'fastify'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { AppContext } from './context.ts'
import { installErrorHandlers, sendProblem } from './http/error-handler.ts'
import { healthRoutes } from './http/health.ts'
import { catalogueRoutes, catalogueUploadRoutes } from './modules/catalogue/catalogue.routes.ts'
import { circulationRoutes, circulationUploadRoutes } from './modules/circulation/circulation.routes.ts'
import { closureMeasureRoutes } from './modules/circulation/closure-measures.routes.ts'
import { courseReserveRoutes } from './modules/course-reserves/course-reserves.routes.ts'
import { eResourceRoutes, eResourceUploadRoutes } from './modules/e-resources/e-resources.routes.ts'
import { operationsRoutes } from './modules/operations/operations.routes.ts'
import { chatAttachmentUploadRoutes } from './modules/reference-desk/chat-attachments.routes.ts'
import { referenceDeskRoutes } from './modules/reference-desk/reference-desk.routes.ts'
import { frameAncestorsFor } from './modules/reference-desk/widget.routes.ts'
import { requestRoutes } from './modules/requests/requests.routes.ts'
import {
  similarityCheckRoutes,
  similarityCheckUploadRoutes,
} from './modules/similarity-checks/similarity-checks.routes.ts'
import { accountRoutes } from './platform/accounts/accounts.routes.ts'
import { auditRoutes } from './platform/audit/audit.routes.ts'
import { fileRoutes } from './platform/files/files.routes.ts'
import { libraryRoutes } from './platform/libraries/libraries.routes.ts'
import { notificationRoutes } from './platform/notifications/notifications.routes.ts'
import { sessionRoutes } from './platform/session/session.routes.ts'
import { ssoRoutes } from './platform/sso/sso.routes.ts'

/** Builds the HTTP application without listening; tests drive it with inject(). */
export const buildApp = async (ctx: AppContext): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: ctx.config.LOG_LEVEL === 'silent' ? false : { level: ctx.config.LOG_LEVEL },
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && /^[\w.-]{8,100}$/.test(given) ? given : randomUUID()
    },
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: ctx.config.TRUST_PROXY,
    routerOptions: { ignoreTrailingSlash: true },
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  // Callback hooks, not async ones: every request passes here, and a rush of them adds up.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })
  installErrorHandlers(app)

  await app.register(fastifyCookie)
  // Before any route, so upgrades reach the WebSocket routes (the reference desk's chat).
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } })
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '书桥 Shuqiao API',
        version: '0.1.0',
        description:
          'Every route states who may call it. Errors are application/problem+json with a stable `code`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'shuqiao_session' } } },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  healthRoutes(app, ctx)
  sessionRoutes(app, ctx)
  ssoRoutes(app, ctx)
  libraryRoutes(app, ctx)
  accountRoutes(app, ctx)
  auditRoutes(app, ctx)
  // Multipart parsing only where uploads are taken; other routes keep refusing it with 415.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart)
    fileRoutes(scope, ctx)
    catalogueUploadRoutes(scope, ctx)
    similarityCheckUploadRoutes(scope, ctx)
    eResourceUploadRoutes(scope, ctx)
    circulationUploadRoutes(scope, ctx)
    chatAttachmentUploadRoutes(scope, ctx)
  })
  notificationRoutes(app, ctx)
  requestRoutes(app, ctx)
  catalogueRoutes(app, ctx)
  similarityCheckRoutes(app, ctx)
  eResourceRoutes(app, ctx)
  courseReserveRoutes(app, ctx)
  circulationRoutes(app, ctx)
  closureMeasureRoutes(app, ctx)
  referenceDeskRoutes(app, ctx)
  operationsRoutes(app, ctx)

  const webDist = resolve(ctx.config.WEB_DIST_DIR ?? new URL('../../web/dist', import.meta.url).pathname)
  const serveWeb = existsSync(resolve(webDist, 'index.html'))
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // Built assets carry a content hash in their names, so phones may keep them for a year.
      setHeaders: (response, path) => {
        if (path.includes('/assets/')) response.header('cache-control', 'public, max-age=31536000, immutable')
      },
    })
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (serveWeb && request.method === 'GET' && !path.startsWith('/api/')) {
      // The portal and console are one single-page app: every other path is its client-side route.
      // Framed only by our own pages, and a library's chat also by the sites it allows (the widget).
      return frameAncestorsFor(ctx, request).then((policy) =>
        reply
          .header('cache-control', 'no-cache')
          .header('content-security-policy', policy)
          .sendFile('index.html'),
      )
    }
    return sendProblem(request, reply, path.startsWith('/api/') ? 'route_not_found' : 'not_found')
  })
  return app
}
