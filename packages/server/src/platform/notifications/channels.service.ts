import type { notifications } from '@shuqiao/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { type Caller, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { DeliveryError } from './delivery.ts'
import { isNoticeEvent, noticeEvents } from './notice-templates.ts'
import { presentChannel } from './notifications.presenter.ts'
import * as repo from './notifications.repository.ts'
import { postToChannel } from './robot-senders.ts'

type ChannelInput = z.output<typeof notifications.NoticeChannelInput>
type ChannelChange = z.output<typeof notifications.NoticeChannelChange>

/** A library admin's own library, or any member library for the consortium admin; else not found. */
export const checkLibrary = async (ctx: AppContext, caller: Caller, libraryId: string) => {
  const library = await ctx.db
    .selectFrom('libraries')
    .select(['id', 'name_zh'])
    .where('id', '=', libraryId)
    .where('consortium_id', '=', caller.consortiumId)
    .executeTakeFirst()
  if (!library || !scopeIncludes(scopeOf(caller), libraryId)) throw new ProblemError('not_found')
  return library
}

const checkEvents = (events: readonly string[]) => {
  const unknown = events.find((event) => !isNoticeEvent(event))
  if (unknown) {
    throw fieldProblem(
      'body.events',
      'invalid_value',
      `没有这种通知事件：${unknown}`,
      `There is no notice event called ${unknown}`,
    )
  }
  return [...new Set(events)]
}

const secretRequired = () =>
  fieldProblem(
    'body.secret',
    'required',
    'Webhook 需要密钥，接收方用它验证签名',
    'A webhook needs a secret; the receiver checks signatures with it',
  )

/** A library's group robots and webhooks. */
export const createChannelsService = (ctx: AppContext) => {
  const { db } = ctx

  const findChannel = async (libraryId: string, channelId: string) => {
    const row = await repo.channelOfLibrary(db, libraryId, channelId)
    if (!row) throw new ProblemError('not_found')
    return row
  }

  return {
    events() {
      return { items: noticeEvents() }
    },

    async list(caller: Caller, libraryId: string) {
      await checkLibrary(ctx, caller, libraryId)
      return { items: (await repo.channelsOfLibrary(db, libraryId)).map(presentChannel) }
    },

    async create(caller: Caller, requestId: string, libraryId: string, input: ChannelInput) {
      await checkLibrary(ctx, caller, libraryId)
      const events = checkEvents(input.events)
      if (input.kind === 'webhook' && !input.secret) throw secretRequired()
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('notice_channels')
          .values({
            id: uuidv7(),
            library_id: libraryId,
            name: input.name,
            kind: input.kind,
            url: input.url,
            secret: input.secret ?? null,
            events,
            enabled: input.enabled,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        const after = presentChannel(row)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'notice.channel.create',
          entityType: 'notice_channel',
          entityId: row.id,
          entityLabel: row.name,
          before: null,
          after,
        })
        return after
      })
    },

    async update(
      caller: Caller,
      requestId: string,
      libraryId: string,
      channelId: string,
      change: ChannelChange,
    ) {
      await checkLibrary(ctx, caller, libraryId)
      const events = change.events ? checkEvents(change.events) : undefined
      return db.transaction().execute(async (trx) => {
        const current = await repo.channelOfLibrary(trx, libraryId, channelId)
        if (!current) throw new ProblemError('not_found')
        if (current.kind === 'webhook' && change.secret === null) throw secretRequired()
        const row = await trx
          .updateTable('notice_channels')
          .set({
            ...(change.name !== undefined ? { name: change.name } : {}),
            ...(change.url !== undefined ? { url: change.url } : {}),
            ...(change.secret !== undefined ? { secret: change.secret } : {}),
            ...(events !== undefined ? { events } : {}),
            ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
            updated_at: ctx.now(),
          })
          .where('id', '=', channelId)
          .returningAll()
          .executeTakeFirstOrThrow()
        const after = presentChannel(row)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'notice.channel.update',
          entityType: 'notice_channel',
          entityId: channelId,
          entityLabel: row.name,
          // The masked address hides a changed token; say that it changed, never what to.
          before: { ...presentChannel(current), urlChanged: false, secretChanged: false },
          after: {
            ...after,
            urlChanged: change.url !== undefined && change.url !== current.url,
            secretChanged: change.secret !== undefined && change.secret !== current.secret,
          },
        })
        return after
      })
    },

    async remove(caller: Caller, requestId: string, libraryId: string, channelId: string) {
      await checkLibrary(ctx, caller, libraryId)
      await db.transaction().execute(async (trx) => {
        const current = await repo.channelOfLibrary(trx, libraryId, channelId)
        if (!current) throw new ProblemError('not_found')
        // Its unsent deliveries keep their row (notice_channel_id set null) and are skipped.
        await trx.deleteFrom('notice_channels').where('id', '=', channelId).execute()
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'notice.channel.delete',
          entityType: 'notice_channel',
          entityId: channelId,
          entityLabel: current.name,
          before: presentChannel(current),
          after: null,
        })
      })
    },

    /** Posts a test message now, so an admin sees at once whether the address and secret work. */
    async test(
      caller: Caller,
      libraryId: string,
      channelId: string,
    ): Promise<z.infer<typeof notifications.TestSendResult>> {
      const library = await checkLibrary(ctx, caller, libraryId)
      const channel = await findChannel(libraryId, channelId)
      const now = ctx.now()
      try {
        const { status } = await postToChannel(
          { kind: channel.kind, url: channel.url, secret: channel.secret },
          {
            id: uuidv7(),
            libraryId,
            event: 'notice.test',
            language: 'zh-CN',
            subject: `书桥测试消息：${channel.name}`,
            body: `这是${library.name_zh}从书桥发出的测试消息。能看到它，说明“${channel.name}”设置正确。\nThis is a test message from Shuqiao.`,
            data: {},
            createdAt: now,
          },
          now,
        )
        return { ok: true, status, error: null }
      } catch (error) {
        if (!(error instanceof DeliveryError)) throw error
        return { ok: false, status: error.options.status ?? null, error: error.message }
      }
    },
  }
}
