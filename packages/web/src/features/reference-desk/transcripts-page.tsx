import { App as AntApp, Button, Input, List, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useDebounced } from '../catalogue/use-debounced.ts'
import { transcriptUrl, useEmailTranscript, useTranscripts } from './tickets-queries.ts'

/** 咨询记录检索: ended chats of the library by their words (Chinese segmented), newest first. */
export const TranscriptsPage = () => {
  const { t } = useTranslation('referenceTickets')
  usePageTitle(t('transcripts.title'))
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [typed, setTyped] = useState('')
  const [limit, setLimit] = useState(50)
  const q = useDebounced(typed.trim(), 300)
  const found = useTranscripts({ limit, ...(q ? { q } : {}) })
  const email = useEmailTranscript()

  return (
    <div data-testid="transcripts-page">
      <PageHead title={t('transcripts.title')} />
      <Input.Search
        allowClear
        value={typed}
        placeholder={t('transcripts.search')}
        onChange={(event) => setTyped(event.target.value)}
        style={{ maxWidth: 360, marginBottom: 12 }}
        data-testid="transcripts-search"
      />
      {found.isError && <PageError error={found.error} onRetry={() => void found.refetch()} />}
      <List
        loading={found.isFetching}
        dataSource={found.data?.items ?? []}
        locale={{ emptyText: t('transcripts.empty') }}
        data-testid="transcripts-list"
        renderItem={(hit) => (
          <List.Item
            data-testid="transcript-hit"
            data-conversation-id={hit.conversationId}
            actions={[
              <a
                key="download"
                href={transcriptUrl(hit.conversationId)}
                download
                data-testid="transcript-download"
              >
                {t('transcripts.download')}
              </a>,
              hit.asker.kind === 'reader' && (
                <Button
                  key="email"
                  type="link"
                  size="small"
                  onClick={() =>
                    email.mutate(hit.conversationId, {
                      onSuccess: () => void message.success(t('transcripts.emailed')),
                      onError: (error) => void message.error(errorText(error)),
                    })
                  }
                  data-testid="transcript-email"
                >
                  {t('transcripts.email')}
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{hit.asker.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {name(hit.queue)} · {formatDateTime(hit.createdAt)}
                    {hit.assignee ? ` · ${t('transcripts.librarian')} ${hit.assignee.name}` : ''}
                  </Typography.Text>
                </Space>
              }
              description={
                <Space orientation="vertical" size={2}>
                  {hit.excerpts.map((line) => (
                    <Typography.Text key={line} style={{ fontSize: 13 }}>
                      {line}
                    </Typography.Text>
                  ))}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {found.data?.nextCursor && (
        <Button onClick={() => setLimit((n) => Math.min(n + 50, 200))}>{t('staff.more')}</Button>
      )}
    </div>
  )
}
