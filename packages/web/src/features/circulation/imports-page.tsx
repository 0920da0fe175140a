import { useQueryClient } from '@tanstack/react-query'
import { Button, Card, Space, Table, Tag, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { formatDateTime } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { CirculationTabs } from './circulation-tabs.tsx'
import { ImportUpload } from './import-upload.tsx'
import { type CirculationImport, importKey, useImports } from './queries.ts'
import './circulation.css'

const STATUS_COLOURS = { previewed: 'processing', applied: 'success', discarded: 'default' } as const

export const ImportStatus = ({ status }: { status: CirculationImport['status'] }) => {
  const { t } = useTranslation('circulation')
  return (
    <Tag
      color={STATUS_COLOURS[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="circulation-import-status"
      data-status={status}
    >
      {t(`imports.status.${status}`)}
    </Tag>
  )
}

/** 导入借阅与罚款: upload an export for a dry run, and the earlier imports. */
export const ImportsPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('imports.title'))
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const imports = useImports()
  const rows = useMemo(() => imports.data?.pages.flatMap((page) => page.items) ?? [], [imports.data])

  return (
    <div data-testid="circulation-imports-page">
      <PageHead title={t('imports.title')} intro={t('imports.intro')} />
      <CirculationTabs current="/staff/circulation/imports" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <ImportUpload
            onPreview={(detail) => {
              queryClient.setQueryData(importKey(detail.id), detail)
              void queryClient.invalidateQueries({ queryKey: ['circulation', 'imports'] })
              void navigate(`/staff/circulation/imports/${detail.id}`)
            }}
          />
        </Card>
        <Card size="small" title={t('imports.history')}>
          {imports.isError ? (
            <PageError error={imports.error} onRetry={() => void imports.refetch()} backTo="/staff" />
          ) : (
            <>
              <Table<CirculationImport>
                rowKey="id"
                size="middle"
                loading={imports.isPending}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 900 }}
                data-testid="circulation-imports-table"
                locale={{ emptyText: <EmptyHint text={t('imports.empty')} /> }}
                columns={[
                  {
                    title: t('imports.file'),
                    dataIndex: 'fileName',
                    width: 220,
                    render: (fileName: string, row) => (
                      <Link to={`/staff/circulation/imports/${row.id}`} data-testid="circulation-import-open">
                        {fileName}
                      </Link>
                    ),
                  },
                  {
                    title: t('imports.kind'),
                    dataIndex: 'kind',
                    width: 80,
                    render: (kind: CirculationImport['kind']) =>
                      kind === 'loans' ? t('imports.kindLoans') : t('imports.kindFines'),
                  },
                  { title: t('imports.by'), key: 'by', width: 100, render: (_, row) => row.createdBy.name },
                  {
                    title: t('imports.at'),
                    dataIndex: 'createdAt',
                    width: 170,
                    render: (at: string) => <time dateTime={at}>{formatDateTime(at)}</time>,
                  },
                  {
                    title: t('imports.state'),
                    dataIndex: 'status',
                    width: 100,
                    render: (status: CirculationImport['status']) => <ImportStatus status={status} />,
                  },
                  {
                    title: '',
                    key: 'counts',
                    render: (_, row) => (
                      <Space orientation="vertical" size={0}>
                        <span>
                          {row.status === 'applied'
                            ? t('imports.added', { count: row.added ?? 0 })
                            : t('imports.counts', { total: row.rowsTotal, valid: row.rowsValid })}
                        </span>
                        {(row.errorCount > 0 || row.warningCount > 0) && (
                          <Typography.Text
                            type={row.errorCount > 0 ? 'danger' : 'warning'}
                            style={{ fontSize: 12 }}
                          >
                            {t('imports.problems', { errors: row.errorCount, warnings: row.warningCount })}
                          </Typography.Text>
                        )}
                      </Space>
                    ),
                  },
                ]}
              />
              {imports.hasNextPage && (
                <div className="sq-load-more">
                  <Button onClick={() => void imports.fetchNextPage()} loading={imports.isFetchingNextPage}>
                    {t('common:action.loadMore')}
                  </Button>
                </div>
              )}
            </>
          )}
        </Card>
      </Space>
    </div>
  )
}
