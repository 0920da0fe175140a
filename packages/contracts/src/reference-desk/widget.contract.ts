import { z } from 'zod'
import { ADMIN_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'
import { QueueStatus } from './queues.contract.ts'

const TAG = 'reference-desk'

/** What the widget on a library's homepage asks every minute: is anyone on duty (for its queue)? */
export const WidgetState = z.object({
  library: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  /** Someone is on duty for the widget's queue, or for any queue when it names none. */
  online: z.boolean(),
  queues: z.array(QueueStatus),
})
export type WidgetState = z.infer<typeof WidgetState>

export const getWidgetState = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/widget/:libraryCode',
  tag: TAG,
  summary:
    'For the embeddable widget (any site may ask): whether the library’s desk, or one queue, is online',
  access: 'public',
  params: z.object({ libraryCode: z.string().trim().min(1).max(40) }),
  query: z.object({ queue: z.string().trim().max(40).optional() }),
  response: WidgetState,
})

/** A web site's origin: scheme, host and port, no path (e.g. https://lib.sjtu.edu.cn). */
export const WidgetOrigin = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, { message: 'invalid_url' })
  .transform((value) => value.toLowerCase())

export const WidgetSettings = z.object({
  libraryId: IdSchema,
  libraryCode: z.string(),
  /** Sites that may show /ask in a frame (frame-ancestors); our own pages always may. */
  allowedOrigins: z.array(z.string()),
})
export type WidgetSettings = z.infer<typeof WidgetSettings>

export const getWidgetSettings = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/widget-settings',
  tag: TAG,
  summary: 'My library’s widget settings: the sites allowed to show the chat in a frame',
  access: ADMIN_ROLES,
  query: z.object({ libraryId: IdSchema.optional() }),
  response: WidgetSettings,
})

export const setWidgetSettings = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/widget-settings',
  tag: TAG,
  summary: 'Set the sites allowed to show my library’s chat in a frame (at most 10)',
  access: ADMIN_ROLES,
  body: z.strictObject({ libraryId: IdSchema.optional(), allowedOrigins: z.array(WidgetOrigin).max(10) }),
  response: WidgetSettings,
})
