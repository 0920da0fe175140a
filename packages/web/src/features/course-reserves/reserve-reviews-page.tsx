import { courseTitles, reserveItems } from '@shuqiao/contracts'
import { App as AntApp, Button, Card, Empty, Input, List, Segmented, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { ItemTags } from './reserve-items-panel.tsx'
import { type ReviewEntry, useReview, useReviews } from './reserve-items-queries.ts'
import { SectionNav } from './section-nav.tsx'
import './course-reserves.css'

/**
 * Staff console → 电子教参 → 教参审核: what teachers added, waiting for a librarian to check its
 * copyright and approve it (readers see it from then; an item of a requested title publishes
 * the title) or reject it with a reason the teacher sees.
 */
export const ReserveReviewsPage = () => {
  const { t } = useTranslation('courseReserves')
  usePageTitle(t('items.reviews.title'))
  const [status, setStatus] = useState<reserveItems.ReviewStatus>('pending')
  const reviews = useReviews(status)
  return (
    <div data-testid="reserve-reviews-page">
      <SectionNav current="reviews" />
      <PageHead title={t('items.reviews.title')} />
      <Segmented<reserveItems.ReviewStatus>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 16 }}
        data-testid="reserve-reviews-status"
        options={reserveItems.REVIEW_STATUSES.map((value) => ({ value, label: t(`items.review.${value}`) }))}
      />
      {reviews.isPending ? (
        <PageLoading />
      ) : reviews.isError ? (
        <PageError error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : (
        <List
          dataSource={reviews.data.items}
          data-testid="reserve-reviews"
          locale={{ emptyText: <Empty description={t('items.reviews.none')} /> }}
          renderItem={(entry) => <ReviewCard entry={entry} />}
        />
      )}
    </div>
  )
}

const ReviewCard = ({ entry }: { entry: ReviewEntry }) => {
  const { t, i18n } = useTranslation(['courseReserves', 'common'])
  const en = i18n.language === 'en'
  const [channel, setChannel] = useState<courseTitles.TitleChannel | null>(entry.channel)
  const [reason, setReason] = useState('')
  const review = useReview()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const done = { onError: (error: unknown) => void message.error(errorText(error)) }
  return (
    <List.Item data-testid="reserve-review" data-item-id={entry.id}>
      <Card size="small" style={{ width: '100%' }}>
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {entry.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            <span className="sq-cr-code">{entry.course.code}</span>{' '}
            {en && entry.course.nameEn ? entry.course.nameEn : entry.course.nameZh} ·{' '}
            {t('items.reviews.addedBy', { name: entry.addedBy })}
          </Typography.Text>
          <a
            href={entry.kind === 'file' ? `/api/course-reserves/r/${entry.code}/file` : (entry.url ?? '#')}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="reserve-review-preview"
          >
            {entry.kind === 'file' ? entry.file?.name : entry.url}
          </a>
          <ItemTags item={entry} />
          {entry.review.status === 'pending' && (
            <Space wrap>
              {entry.titleId && (
                <Select
                  style={{ minWidth: 160 }}
                  value={channel}
                  onChange={setChannel}
                  placeholder={t('items.form.channel')}
                  data-testid="reserve-review-channel"
                  options={(['digitised', 'publisher_supplied'] as const).map((value) => ({
                    value,
                    label: en ? courseTitles.CHANNEL_LABELS[value].en : courseTitles.CHANNEL_LABELS[value].zh,
                  }))}
                />
              )}
              <Button
                type="primary"
                loading={review.isPending}
                data-testid="reserve-review-approve"
                onClick={() =>
                  review.mutate(
                    { itemId: entry.id, approve: true, channel },
                    { ...done, onSuccess: () => void message.success(t('items.reviews.approved')) },
                  )
                }
              >
                {t('items.reviews.approve')}
              </Button>
              <Input
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                placeholder={t('items.reviews.reason')}
                maxLength={500}
                style={{ width: 220 }}
                data-testid="reserve-review-reason"
              />
              <Button
                danger
                disabled={!reason.trim()}
                data-testid="reserve-review-reject"
                onClick={() =>
                  review.mutate(
                    { itemId: entry.id, approve: false, reason: reason.trim() },
                    { ...done, onSuccess: () => void message.success(t('items.reviews.rejected')) },
                  )
                }
              >
                {t('items.reviews.reject')}
              </Button>
            </Space>
          )}
        </Space>
      </Card>
    </List.Item>
  )
}
