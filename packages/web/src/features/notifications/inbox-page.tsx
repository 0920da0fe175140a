import { CheckOutlined } from '@ant-design/icons'
import type { notifications } from '@shuqiao/contracts'
import { App as AntApp, Badge, Button, Card, Segmented, Space, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { EmptyHint, PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useMarkAllRead, useMarkRead, useNotices, useUnreadCount } from './queries.ts'

type Notice = notifications.Notice

/** One notice: its subject and time; opening it shows the whole text and marks it read. */
const NoticeItem = ({ notice, last }: { notice: Notice; last: boolean }) => {
  const { t } = useTranslation('notifications')
  const markRead = useMarkRead()
  const [open, setOpen] = useState(false)
  const unread = notice.readAt === null
  const toggle = () => {
    setOpen(!open)
    if (unread && !markRead.isPending) markRead.mutate(notice.id)
  }
  return (
    <article
      data-testid="inbox-item"
      data-notice-id={notice.id}
      data-unread={unread}
      style={{ padding: '12px 16px', borderBottom: last ? undefined : '1px solid #f0f0f0' }}
    >
      <button
        type="button"
        onClick={toggle}
        aria-expanded={open}
        style={{
          display: 'block',
          width: '100%',
          padding: 0,
          border: 0,
          background: 'none',
          textAlign: 'start',
          cursor: 'pointer',
          font: 'inherit',
          color: 'inherit',
        }}
      >
        <Space align="start" size={8} style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text strong={unread} style={{ fontSize: 15, wordBreak: 'break-word' }}>
            {unread && (
              <Badge status="processing" aria-label={t('inbox.new')} style={{ marginInlineEnd: 6 }} />
            )}
            {notice.subject}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            <time dateTime={notice.createdAt}>{formatDateTime(notice.createdAt).slice(0, 16)}</time>
          </Typography.Text>
        </Space>
      </button>
      <Typography.Paragraph
        type="secondary"
        style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
        ellipsis={open ? false : { rows: 2 }}
      >
        {/* Closed, the preview skips the greeting's blank lines to show what the notice is about. */}
        {open ? notice.body : notice.body.replace(/\s+/g, ' ')}
      </Typography.Paragraph>
      <Typography.Link onClick={toggle} style={{ fontSize: 13 }}>
        {open ? t('inbox.showLess') : t('inbox.showMore')}
      </Typography.Link>
    </article>
  )
}

/** The reader's notices from the library, newest first; made for a phone. */
export const InboxPage = () => {
  const { t } = useTranslation(['notifications', 'common'])
  usePageTitle(t('inbox.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [filter, setFilter] = useState<'all' | 'unread'>('all')
  const notices = useNotices(filter === 'unread')
  const unread = useUnreadCount().data?.count ?? 0
  const markAll = useMarkAllRead()
  const rows = useMemo(() => notices.data?.pages.flatMap((page) => page.items) ?? [], [notices.data])

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="inbox-page">
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 8,
          alignItems: 'center',
          justifyContent: 'space-between',
        }}
      >
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('inbox.title')}
        </Typography.Title>
        <Button
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={markAll.isPending}
          data-testid="inbox-mark-all"
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: ({ marked }) =>
                void message.success(
                  marked ? t('inbox.markedAll', { count: marked }) : t('inbox.nothingUnread'),
                ),
              onError: (error) => void message.error(errorText(error)),
            })
          }
        >
          {t('inbox.markAllRead')}
        </Button>
      </div>
      <Segmented<'all' | 'unread'>
        value={filter}
        onChange={setFilter}
        data-testid="inbox-filter"
        options={[
          { value: 'all', label: t('inbox.all') },
          { value: 'unread', label: unread ? `${t('inbox.unread')} (${unread})` : t('inbox.unread') },
        ]}
      />
      {notices.isPending ? (
        <PageLoading />
      ) : notices.isError ? (
        <PageError error={notices.error} onRetry={() => void notices.refetch()} />
      ) : rows.length === 0 ? (
        <Card size="small">
          <EmptyHint text={filter === 'unread' ? t('inbox.emptyUnread') : t('inbox.empty')} />
        </Card>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }} data-testid="inbox-list">
          {rows.map((notice, index) => (
            <NoticeItem key={notice.id} notice={notice} last={index === rows.length - 1} />
          ))}
        </Card>
      )}
      {notices.hasNextPage && (
        <div className="sq-load-more">
          <Button
            onClick={() => void notices.fetchNextPage()}
            loading={notices.isFetchingNextPage}
            data-testid="inbox-load-more"
          >
            {t('common:action.loadMore')}
          </Button>
        </div>
      )}
    </Space>
  )
}
