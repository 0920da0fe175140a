import { DeleteOutlined, SyncOutlined, UploadOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, Popconfirm, Space, Switch, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { HoldingsImportModal } from './holdings-import-modal.tsx'
import { SectionNav } from './section-nav.tsx'
import { type Platform, useDeletePlatform, usePlatforms, useUpdatePlatform } from './title-queries.ts'
import './course-reserves.css'

/** The library's e-holdings: its platforms with their title counts; import KBART files into them. */
export const EHoldingsPage = () => {
  const { t, i18n } = useTranslation(['courseReserves', 'common'])
  usePageTitle(t('holdings.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const platforms = usePlatforms()
  const update = useUpdatePlatform()
  const remove = useDeletePlatform()
  const [importing, setImporting] = useState<{ into?: Platform | undefined }>()

  if (platforms.isPending) return <PageLoading />
  if (platforms.isError)
    return <PageError error={platforms.error} onRetry={() => void platforms.refetch()} backTo="/staff" />
  const items = platforms.data.items
  const importButton = (testId: string) => (
    <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting({})} data-testid={testId}>
      {t('holdings.import')}
    </Button>
  )
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
          dateStyle: 'medium',
          timeStyle: 'short',
        })
      : ''

  return (
    <div data-testid="holdings-page">
      <PageHead
        title={t('holdings.title')}
        intro={t('holdings.intro')}
        extra={importButton('holdings-import-open')}
      />
      <SectionNav current="holdings" />
      <Card size="small">
        <Table<Platform>
          rowKey="id"
          size="middle"
          dataSource={items}
          pagination={false}
          scroll={{ x: 760 }}
          data-testid="platforms-table"
          locale={{
            emptyText: (
              <EmptyHint text={t('holdings.empty')} action={importButton('holdings-import-empty')} />
            ),
          }}
          columns={[
            {
              title: t('holdings.column.name'),
              dataIndex: 'name',
              render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
            },
            {
              title: t('holdings.column.titles'),
              dataIndex: 'titleCount',
              width: 110,
              align: 'right',
              render: (count: number) => (
                <span data-testid="platform-title-count">{count.toLocaleString()}</span>
              ),
            },
            {
              title: t('holdings.column.openAccess'),
              dataIndex: 'openAccess',
              width: 110,
              render: (openAccess: boolean, row) => (
                <Switch
                  size="small"
                  checked={openAccess}
                  aria-label={t('holdings.column.openAccess')}
                  onChange={(checked) =>
                    update.mutate(
                      { platformId: row.id, body: { openAccess: checked } },
                      {
                        onSuccess: () =>
                          void message.success(
                            t(checked ? 'holdings.openAccessOn' : 'holdings.openAccessOff', {
                              name: row.name,
                            }),
                          ),
                        onError: (error) => void message.error(errorText(error)),
                      },
                    )
                  }
                  data-testid="platform-open-access"
                />
              ),
            },
            {
              title: t('holdings.column.file'),
              dataIndex: 'fileName',
              ellipsis: true,
              render: (fileName: string | null) => fileName ?? t('common:state.none'),
            },
            {
              title: t('holdings.column.importedAt'),
              dataIndex: 'importedAt',
              width: 170,
              render: (importedAt: string | null) => when(importedAt),
            },
            {
              title: '',
              key: 'actions',
              width: 170,
              render: (_, row) => (
                <Space>
                  <Button
                    size="small"
                    icon={<SyncOutlined />}
                    onClick={() => setImporting({ into: row })}
                    data-testid="platform-reimport"
                  >
                    {t('holdings.reimport')}
                  </Button>
                  <Popconfirm
                    title={t('holdings.deleteConfirm', { name: row.name })}
                    okText={t('holdings.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common:action.cancel')}
                    onConfirm={() =>
                      remove.mutate(row.id, {
                        onSuccess: () => void message.success(t('holdings.deleted', { name: row.name })),
                        onError: (error) => void message.error(errorText(error)),
                      })
                    }
                  >
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('holdings.delete')}
                      title={t('holdings.delete')}
                    />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {importing && (
        <HoldingsImportModal
          open
          platforms={items}
          initial={importing.into}
          onClose={() => setImporting(undefined)}
        />
      )}
    </div>
  )
}
