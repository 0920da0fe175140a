import { PlusOutlined } from '@ant-design/icons'
import type { notifications } from '@shuqiao/contracts'
import { App as AntApp, Button, Card, Grid, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { isConsortiumAdmin } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { ChannelDrawer } from './channel-drawer.tsx'
import { DeliveriesPanel } from './deliveries-panel.tsx'
import { useDeleteChannel, useNoticeChannels, useNoticeEvents, useTestChannel } from './queries.ts'

type Channel = notifications.NoticeChannel

/** A library's group robots and webhooks (通知渠道), and what was sent through them. */
export const ChannelsPage = () => {
  const { t, i18n } = useTranslation(['notifications', 'common'])
  usePageTitle(t('channels.title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const name = useBilingual()
  const libraries = useLibraries()
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const [params, setParams] = useSearchParams()
  const libraryId = params.get('library') ?? me.library?.id ?? libraries.data?.items[0]?.id
  const channels = useNoticeChannels(libraryId)
  const events = useNoticeEvents()
  const test = useTestChannel()
  const remove = useDeleteChannel()
  const wide = Grid.useBreakpoint().md
  const [drawer, setDrawer] = useState<{ open: boolean; channel?: Channel | undefined }>({ open: false })

  const eventLabel = (event: string) => {
    const label = events.data?.items.find((item) => item.event === event)?.label
    return label ? (i18n.language === 'en' ? label.en : label.zh) : event
  }

  const runTest = (channel: Channel) =>
    test.mutate(
      { libraryId: channel.libraryId, channelId: channel.id },
      {
        onSuccess: (result) =>
          result.ok
            ? void message.success(t('channels.testOk', { status: result.status }))
            : void message.error({ content: t('channels.testFailed', { error: result.error }), duration: 8 }),
        onError: (error) => void message.error(errorText(error)),
      },
    )

  const confirmDelete = (channel: Channel) =>
    modal.confirm({
      title: t('channels.deleteConfirmTitle', { name: channel.name }),
      content: t('channels.deleteConfirmText'),
      okText: t('channels.delete'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      onOk: () =>
        remove
          .mutateAsync({ libraryId: channel.libraryId, channelId: channel.id })
          .then(() => void message.success(t('channels.deleted', { name: channel.name })))
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  return (
    <div data-testid="notice-channels-page">
      <PageHead
        title={t('channels.title')}
        intro={t('channels.intro')}
        extra={
          <Space wrap>
            {consortium && (
              <Select
                value={libraryId}
                onChange={(id) => setParams({ library: id }, { replace: true })}
                options={(libraries.data?.items ?? []).map((library) => ({
                  value: library.id,
                  label: name(library),
                }))}
                style={{ minWidth: 240 }}
                aria-label={t('channels.pickLibrary')}
                data-testid="notice-library-picker"
              />
            )}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!libraryId}
              onClick={() => setDrawer({ open: true })}
              data-testid="notice-channel-add"
            >
              {t('channels.add')}
            </Button>
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          {channels.isError ? (
            <PageError error={channels.error} onRetry={() => void channels.refetch()} backTo="/staff" />
          ) : (
            <Table<Channel>
              rowKey="id"
              size="middle"
              loading={channels.isPending && !!libraryId}
              dataSource={channels.data?.items ?? []}
              pagination={false}
              scroll={{ x: 1060 }}
              data-testid="notice-channels-table"
              locale={{ emptyText: <EmptyHint text={t('channels.empty')} /> }}
              columns={[
                { title: t('field.name'), dataIndex: 'name', width: 160, ellipsis: true },
                {
                  title: t('field.kind'),
                  dataIndex: 'kind',
                  width: 140,
                  render: (kind: Channel['kind']) => t(`kind.${kind}`),
                },
                {
                  title: t('channels.column.url'),
                  dataIndex: 'url',
                  width: 220,
                  ellipsis: true,
                  render: (url: string) => (
                    <Typography.Text code style={{ fontSize: 12 }}>
                      {url}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('channels.column.events'),
                  dataIndex: 'events',
                  width: 200,
                  render: (list: string[]) => list.map((event) => <Tag key={event}>{eventLabel(event)}</Tag>),
                },
                {
                  title: t('channels.column.secret'),
                  dataIndex: 'hasSecret',
                  width: 90,
                  render: (set: boolean, row) =>
                    row.kind === 'wecom' ? (
                      '—'
                    ) : set ? (
                      <Tag color="success">{t('channels.secretSet')}</Tag>
                    ) : (
                      <Tag>{t('channels.secretMissing')}</Tag>
                    ),
                },
                {
                  title: t('field.enabled'),
                  dataIndex: 'enabled',
                  width: 80,
                  render: (value: boolean) => (
                    <Tag color={value ? 'success' : 'default'}>
                      {value ? t('channels.enabled') : t('channels.disabled')}
                    </Tag>
                  ),
                },
                {
                  title: t('common:table.actions'),
                  key: 'actions',
                  width: 170,
                  fixed: wide ? 'right' : undefined,
                  render: (_, row) => (
                    <Space size={12}>
                      <Typography.Link
                        onClick={() => setDrawer({ open: true, channel: row })}
                        data-testid="notice-channel-edit"
                      >
                        {t('common:action.edit')}
                      </Typography.Link>
                      <Typography.Link
                        onClick={() => runTest(row)}
                        disabled={test.isPending}
                        data-testid="notice-channel-test"
                      >
                        {t('channels.test')}
                      </Typography.Link>
                      <Typography.Link
                        type="danger"
                        onClick={() => confirmDelete(row)}
                        data-testid="notice-channel-delete"
                      >
                        {t('channels.delete')}
                      </Typography.Link>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Card>
        {libraryId && <DeliveriesPanel libraryId={libraryId} />}
      </Space>
      {libraryId && (
        <ChannelDrawer
          open={drawer.open}
          channel={drawer.channel}
          libraryId={libraryId}
          onClose={() => setDrawer({ open: false })}
        />
      )}
    </div>
  )
}
