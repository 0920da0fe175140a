import { referenceDesk } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Input, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/client.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { DESK_KEY, useStaffQueues } from './queries.ts'

const settingsKey = [...DESK_KEY, 'widget-settings']

/** The snippet a library pastes into its homepage. */
export const widgetSnippet = (origin: string, libraryCode: string, queueCode: string | undefined) =>
  `<script src="${origin}/widget.js" data-library="${libraryCode}"${
    queueCode ? ` data-queue="${queueCode}"` : ''
  } async></script>`

/** 咨询挂件: the snippet to copy, and the sites allowed to show the chat in a frame. */
export const WidgetSettingsPage = () => {
  const { t } = useTranslation('referenceDesk')
  usePageTitle(t('widget.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const client = useQueryClient()
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => call(referenceDesk.getWidgetSettings, { query: {} }),
  })
  const queues = useStaffQueues()
  const [queueCode, setQueueCode] = useState<string>()
  const [origins, setOrigins] = useState<string>()
  const save = useMutation({
    mutationFn: (allowedOrigins: string[]) =>
      call(referenceDesk.setWidgetSettings, { body: { allowedOrigins } }),
    onSuccess: (saved) => {
      client.setQueryData(settingsKey, saved)
      setOrigins(undefined)
      void message.success(t('widget.saved'))
    },
    onError: (error) => void message.error(errorText(error)),
  })
  if (settings.isPending) return <PageLoading rows={4} />
  if (settings.isError) return <PageError error={settings.error} onRetry={() => void settings.refetch()} />
  const snippet = widgetSnippet(window.location.origin, settings.data.libraryCode, queueCode)
  const typed = origins ?? settings.data.allowedOrigins.join('\n')
  return (
    <div data-testid="widget-settings-page">
      <PageHead title={t('widget.title')} intro={t('widget.intro')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('widget.snippet')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Select
              allowClear
              placeholder={t('widget.anyQueue')}
              value={queueCode}
              onChange={setQueueCode}
              options={(queues.data?.items ?? []).map((queue) => ({ value: queue.code, label: name(queue) }))}
              style={{ width: 240 }}
              data-testid="widget-queue"
            />
            <Typography.Paragraph copyable={{ text: snippet }} code data-testid="widget-snippet">
              {snippet}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{t('widget.snippetHint')}</Typography.Text>
          </Space>
        </Card>
        <Card size="small" title={t('widget.origins')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('widget.originsHint')}</Typography.Text>
            <Input.TextArea
              value={typed}
              autoSize={{ minRows: 3, maxRows: 10 }}
              placeholder="https://lib.example.edu.cn"
              onChange={(event) => setOrigins(event.target.value)}
              aria-label={t('widget.origins')}
              data-testid="widget-origins"
            />
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  typed
                    .split(/\s+/)
                    .map((origin) => origin.trim())
                    .filter(Boolean),
                )
              }
              data-testid="widget-origins-save"
            >
              {t('widget.save')}
            </Button>
          </Space>
        </Card>
      </Space>
    </div>
  )
}
