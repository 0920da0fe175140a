import { referenceDesk } from '@shuqiao/contracts'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { viewOf } from './desk-access.ts'
import type { GuestTokens } from './guest-tokens.ts'

type RatingRow = { conversation_id: string; score: number; comment: string | null; created_at: Date }

const CHANGE_MS = referenceDesk.RATING_CHANGE_MINUTES * 60_000

export const presentRating = (row: RatingRow): referenceDesk.Rating => ({
  conversationId: row.conversation_id,
  score: row.score,
  comment: row.comment,
  ratedAt: row.created_at.toISOString(),
  changeableUntil: new Date(row.created_at.getTime() + CHANGE_MS).toISOString(),
})

/** Readers' ratings of their chats once ended (1–5 and a comment), changeable for a short while. */
export const createRatingsService = (ctx: AppContext, guestTokens: GuestTokens) => {
  const { db } = ctx

  const chatOf = (conversationId: string) =>
    db
      .selectFrom('reference_conversations as c')
      .innerJoin('libraries as l', 'l.id', 'c.library_id')
      .select([
        'c.id',
        'c.library_id',
        'c.queue_id',
        'c.reader_id',
        'c.guest_id',
        'c.status',
        'l.consortium_id',
      ])
      .where('c.id', '=', conversationId)
      .executeTakeFirst()

  const findRating = (conversationId: string) =>
    db
      .selectFrom('reference_ratings')
      .select(['conversation_id', 'score', 'comment', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst()

  /** Stores the asker's rating; `chat` is theirs (checked by the caller). */
  const rate = async (
    chat: NonNullable<Awaited<ReturnType<typeof chatOf>>>,
    input: referenceDesk.RatingInput,
  ) => {
    if (chat.status !== 'closed') throw new ProblemError('conversation_not_closed')
    const now = ctx.now()
    const comment = input.comment?.trim() || null
    return db.transaction().execute(async (trx) => {
      const given = await trx
        .selectFrom('reference_ratings')
        .select('created_at')
        .where('conversation_id', '=', chat.id)
        .forUpdate()
        .executeTakeFirst()
      if (given && now.getTime() - given.created_at.getTime() > CHANGE_MS)
        throw new ProblemError('rating_final')
      const row = await trx
        .insertInto('reference_ratings')
        .values({
          conversation_id: chat.id,
          library_id: chat.library_id,
          queue_id: chat.queue_id,
          score: input.score,
          comment,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column('conversation_id').doUpdateSet({ score: input.score, comment, updated_at: now }),
        )
        .returning(['conversation_id', 'score', 'comment', 'created_at'])
        .executeTakeFirstOrThrow()
      return presentRating(row)
    })
  }

  return {
    /** The rating of a chat the caller may see (its reader, or staff of its library). */
    async get(caller: Caller, conversationId: string) {
      const chat = await chatOf(conversationId)
      if (!chat || !viewOf(caller, chat)) throw new ProblemError('not_found')
      const row = await findRating(conversationId)
      return { rating: row ? presentRating(row) : null }
    },

    /** A signed-in reader rates their own chat; anyone else's is not found. */
    async rate(caller: Caller, conversationId: string, input: referenceDesk.RatingInput) {
      const chat = await chatOf(conversationId)
      if (!chat || chat.reader_id !== caller.accountId) throw new ProblemError('not_found')
      return rate(chat, input)
    },

    /** A guest rates their own chat, known by the token they chat with. */
    async rateAsGuest(conversationId: string, input: referenceDesk.RatingInput & { guestToken: string }) {
      const guest = await guestTokens.verify(input.guestToken, ctx.now())
      if (!guest) throw new ProblemError('unauthenticated')
      const chat = await chatOf(conversationId)
      if (!chat || chat.guest_id !== guest.guestId) throw new ProblemError('not_found')
      return rate(chat, { score: input.score, comment: input.comment })
    },
  }
}
