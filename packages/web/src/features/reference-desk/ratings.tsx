import { referenceDesk } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Card, Input, Rate, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/client.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { DESK_KEY } from './queries.ts'

const ratingKey = (conversationId: string) => [...DESK_KEY, 'rating', conversationId]

/**
 * Under a chat that has ended: the reader rates it (1–5 stars and a comment), and may change the
 * rating for a while. A guest rates with their token (their rating is not read back).
 */
export const RatingCard = ({
  conversationId,
  guestToken,
}: {
  conversationId: string
  guestToken?: string
}) => {
  const { t } = useTranslation('referenceDesk')
  const errorText = useErrorText()
  const client = useQueryClient()
  const given = useQuery({
    queryKey: ratingKey(conversationId),
    queryFn: () => call(referenceDesk.getRating, { params: { conversationId } }),
    enabled: !guestToken,
  })
  const [score, setScore] = useState<number>()
  const [comment, setComment] = useState<string>()
  const [saved, setSaved] = useState<referenceDesk.Rating>()
  const rate = useMutation({
    mutationFn: (body: referenceDesk.RatingInput) =>
      guestToken
        ? call(referenceDesk.rateGuestConversation, {
            params: { conversationId },
            body: { ...body, guestToken },
          })
        : call(referenceDesk.rateConversation, { params: { conversationId }, body }),
    onSuccess: (rating) => {
      setSaved(rating)
      client.setQueryData(ratingKey(conversationId), { rating })
    },
  })
  const current = saved ?? given.data?.rating ?? undefined
  const changeable = !current || new Date(current.changeableUntil).getTime() > Date.now()
  const shownScore = score ?? current?.score ?? 0
  const shownComment = comment ?? current?.comment ?? ''
  return (
    <Card size="small" className="sq-rating" data-testid="chat-rating">
      <Typography.Text strong>{current ? t('rating.thanks') : t('rating.ask')}</Typography.Text>
      <div>
        <Rate
          value={shownScore}
          disabled={!changeable}
          onChange={setScore}
          tooltips={[t('rating.s1'), t('rating.s2'), t('rating.s3'), t('rating.s4'), t('rating.s5')]}
          data-testid="chat-rating-stars"
        />
      </div>
      {changeable && (
        <>
          <Input.TextArea
            value={shownComment}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('rating.commentHint')}
            aria-label={t('rating.comment')}
            onChange={(event) => setComment(event.target.value)}
            data-testid="chat-rating-comment"
          />
          <Button
            type="primary"
            disabled={!shownScore}
            loading={rate.isPending}
            onClick={() => rate.mutate({ score: shownScore, comment: shownComment })}
            data-testid="chat-rating-submit"
          >
            {current ? t('rating.change') : t('rating.submit')}
          </Button>
        </>
      )}
      {!changeable && current?.comment && <Typography.Paragraph>{current.comment}</Typography.Paragraph>}
      {current && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="chat-rating-saved">
          {changeable
            ? t('rating.changeable', { minutes: referenceDesk.RATING_CHANGE_MINUTES })
            : t('rating.final')}
        </Typography.Text>
      )}
      {rate.isError && <Typography.Text type="danger">{errorText(rate.error)}</Typography.Text>}
    </Card>
  )
}
