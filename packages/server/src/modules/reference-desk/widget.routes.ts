import { readFileSync } from 'node:fs'
import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { allowedOriginsOf, createWidgetService } from './widget.service.ts'

const SCRIPT = readFileSync(new URL('./widget.script.js', import.meta.url))

/** Pages a library's own site may show in a frame, by the library named in `?library=`. */
const EMBEDDABLE = new Set(['/ask', '/faq'])

/**
 * The frame-ancestors policy for a page of the web app: our own pages only, and for the chat and
 * FAQ of a library, also the sites that library allows (its homepage with the widget).
 */
export const frameAncestorsFor = async (ctx: AppContext, request: FastifyRequest) => {
  const [path = '', search = ''] = request.url.split('?')
  const library = new URLSearchParams(search).get('library')
  const allowed =
    EMBEDDABLE.has(path.replace(/\/$/, '')) && library ? await allowedOriginsOf(ctx.db, library) : []
  return `frame-ancestors ${["'self'", ...allowed].join(' ')}`
}

/** The widget's script, its public online state, and the library's framing settings. */
export const widgetRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const widget = createWidgetService(ctx)

  // Any site may load the script and ask whether the desk is online; neither carries anything private.
  app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .send(SCRIPT),
  )
  mount(app, ctx, referenceDesk.getWidgetState, async ({ params, query, reply }) => {
    reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=15')
    return widget.state(params.libraryCode, query.queue)
  })
  mount(app, ctx, referenceDesk.getWidgetSettings, ({ caller, query }) =>
    widget.settings(caller, query.libraryId),
  )
  mount(app, ctx, referenceDesk.setWidgetSettings, ({ caller, request, body }) =>
    widget.setSettings(caller, request.id, body),
  )
}
