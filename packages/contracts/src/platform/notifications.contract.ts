import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText } from '../common/text.ts'

const ADMINS = ['library_admin', 'consortium_admin'] as const

/** Group robots and webhooks a library can post notices to. */
export const NOTICE_CHANNEL_KINDS = ['wecom', 'dingtalk', 'webhook'] as const
export const NoticeChannelKindSchema = z.enum(NOTICE_CHANNEL_KINDS)
export type NoticeChannelKind = z.infer<typeof NoticeChannelKindSchema>

/** How a notice travels: the reader's inbox, e-mail, or one of the library's channels. */
export const DELIVERY_CHANNELS = ['email', ...NOTICE_CHANNEL_KINDS] as const
export const DeliveryChannelSchema = z.enum(DELIVERY_CHANNELS)

/**
 * pending: waiting for its first try; failed: tried, another try is due at `nextAttemptAt`;
 * sent; dead: every try failed; skipped: nothing to send it through (no mail server, channel gone).
 */
export const DELIVERY_STATUSES = ['pending', 'failed', 'sent', 'dead', 'skipped'] as const
export const DeliveryStatusSchema = z.enum(DELIVERY_STATUSES)

/** Why a delivery was skipped, as `lastError` says it; clients may show these in their own words. */
export const SKIPPED_BECAUSE = {
  noMailServer: 'SMTP_URL is not set',
  noAddress: 'no e-mail address',
  channelRemoved: 'the channel was removed',
  channelOff: 'the channel is turned off',
} as const
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>

/** An event name such as `request.status_changed`; the server knows which exist. */
export const NoticeEventSchema = z
  .string()
  .trim()
  .max(60)
  .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/)

// ---- The reader's inbox ----

export const Notice = z.object({
  id: IdSchema,
  event: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})
export type Notice = z.infer<typeof Notice>

export const ListNoticesQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.stringbool().optional(),
})

export const listMyNotices = defineRoute({
  method: 'GET',
  path: '/api/me/notices',
  tag: 'notifications',
  summary: 'My notices, newest first; `unread=true` for the unread ones only',
  access: 'signed_in',
  query: ListNoticesQuery,
  response: page(Notice),
})

export const countUnreadNotices = defineRoute({
  method: 'GET',
  path: '/api/me/notices/unread-count',
  tag: 'notifications',
  summary: 'How many of my notices are unread (the number on the bell)',
  access: 'signed_in',
  response: z.object({ count: z.number().int() }),
})

export const markNoticeRead = defineRoute({
  method: 'POST',
  path: '/api/me/notices/:noticeId/read',
  tag: 'notifications',
  summary: 'Mark one of my notices read',
  access: 'signed_in',
  params: z.object({ noticeId: IdSchema }),
  status: 204,
})

export const markAllNoticesRead = defineRoute({
  method: 'POST',
  path: '/api/me/notices/read-all',
  tag: 'notifications',
  summary: 'Mark all my notices read',
  access: 'signed_in',
  response: z.object({ marked: z.number().int() }),
})

// ---- A library's channels ----

export const NoticeEventInfo = z.object({
  event: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
})

export const listNoticeEvents = defineRoute({
  method: 'GET',
  path: '/api/notice-events',
  tag: 'notifications',
  summary: 'Events a channel can subscribe to',
  access: ADMINS,
  response: z.object({ items: z.array(NoticeEventInfo) }),
})

export const NoticeChannel = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  name: z.string(),
  kind: NoticeChannelKindSchema,
  /** The address with its query values hidden: robot URLs carry their access token there. */
  url: z.string(),
  hasSecret: z.boolean(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type NoticeChannel = z.infer<typeof NoticeChannel>

const ChannelUrl = z.url({ protocol: /^https?$/ }).max(500)
const ChannelSecret = z.string().trim().min(1).max(200)
const ChannelEvents = z.array(NoticeEventSchema).min(1).max(50)

// No defaults here: a field left out of a change must stay as it is.
export const NoticeChannelChange = z.strictObject({
  name: nameText(60).optional(),
  /** Leave out to keep the stored address. */
  url: ChannelUrl.optional(),
  /** Write-only. Leave out to keep it; null removes it (robots without signing). */
  secret: ChannelSecret.nullable().optional(),
  events: ChannelEvents.optional(),
  enabled: z.boolean().optional(),
})

export const NoticeChannelInput = z.strictObject({
  name: nameText(60),
  kind: NoticeChannelKindSchema,
  url: ChannelUrl,
  /** DingTalk: the robot's 加签 secret (optional); webhook: the HMAC key (required). */
  secret: ChannelSecret.optional(),
  events: ChannelEvents,
  enabled: z.boolean().default(true),
})

const LibraryParams = z.object({ libraryId: IdSchema })
const ChannelParams = LibraryParams.extend({ channelId: IdSchema })

export const listNoticeChannels = defineRoute({
  method: 'GET',
  path: '/api/libraries/:libraryId/notice-channels',
  tag: 'notifications',
  summary: 'A library’s group robots and webhooks',
  access: ADMINS,
  params: LibraryParams,
  response: z.object({ items: z.array(NoticeChannel) }),
})

export const createNoticeChannel = defineRoute({
  method: 'POST',
  path: '/api/libraries/:libraryId/notice-channels',
  tag: 'notifications',
  summary: 'Add a WeCom or DingTalk group robot, or a webhook',
  access: ADMINS,
  params: LibraryParams,
  body: NoticeChannelInput,
  response: NoticeChannel,
  status: 201,
})

export const updateNoticeChannel = defineRoute({
  method: 'PATCH',
  path: '/api/libraries/:libraryId/notice-channels/:channelId',
  tag: 'notifications',
  summary: 'Change a channel',
  access: ADMINS,
  params: ChannelParams,
  body: NoticeChannelChange,
  response: NoticeChannel,
})

export const deleteNoticeChannel = defineRoute({
  method: 'DELETE',
  path: '/api/libraries/:libraryId/notice-channels/:channelId',
  tag: 'notifications',
  summary: 'Remove a channel; its unsent deliveries are skipped',
  access: ADMINS,
  params: ChannelParams,
  status: 204,
})

export const TestSendResult = z.object({
  ok: z.boolean(),
  /** The channel's HTTP status, when it answered. */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
})

export const testNoticeChannel = defineRoute({
  method: 'POST',
  path: '/api/libraries/:libraryId/notice-channels/:channelId/test',
  tag: 'notifications',
  summary: 'Post a test message to a channel now and report what it answered',
  access: ADMINS,
  params: ChannelParams,
  response: TestSendResult,
})

// ---- Deliveries ----

export const NoticeDelivery = z.object({
  id: IdSchema,
  event: z.string(),
  channel: DeliveryChannelSchema,
  /** The robot or webhook, if this delivery goes to one (null once it is removed). */
  noticeChannel: z.object({ id: IdSchema, name: z.string() }).nullable(),
  recipient: z.object({ id: IdSchema, name: z.string(), readerNumber: z.string() }).nullable(),
  subject: z.string(),
  status: DeliveryStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
})
export type NoticeDelivery = z.infer<typeof NoticeDelivery>

export const ListDeliveriesQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  status: DeliveryStatusSchema.optional(),
  channel: DeliveryChannelSchema.optional(),
})

export const listNoticeDeliveries = defineRoute({
  method: 'GET',
  path: '/api/libraries/:libraryId/notice-deliveries',
  tag: 'notifications',
  summary: 'Recent e-mail, robot and webhook deliveries, newest first, with their status',
  access: ADMINS,
  params: LibraryParams,
  query: ListDeliveriesQuery,
  response: page(NoticeDelivery),
})

export const retryNoticeDelivery = defineRoute({
  method: 'POST',
  path: '/api/libraries/:libraryId/notice-deliveries/:deliveryId/retry',
  tag: 'notifications',
  summary: 'Try a failed or dead delivery again now',
  access: ADMINS,
  params: LibraryParams.extend({ deliveryId: IdSchema }),
  response: NoticeDelivery,
})
