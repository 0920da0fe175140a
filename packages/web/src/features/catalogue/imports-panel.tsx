import { ReloadOutlined, UploadOutlined } from '@ant-design/icons'
import { Button, Space, Table, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatDateTime } from '../../app/dates.ts'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { ImportActions } from './import-actions.tsx'
import { ImportStatusTag } from './import-status.tsx'
import { type CatalogueImport, useImports } from './queries.ts'

/** Earlier imports, newest first; a previewed one can be reopened, applied or discarded from here. */
export const ImportsPanel = ({ onImport }: { onImport: () => void }) => {
  const { t } = useTranslation(['catalogue', 'common'])
  const imports = useImports()
  const rows = useMemo(() => imports.data?.pages.flatMap((page) => page.items) ?? [], [imports.data])

  if (imports.isError)
    return <PageError error={imports.error} onRetry={() => void imports.refetch()} backTo="/staff" />

  return (
    <>
      <div className="sq-filters" style={{ justifyContent: 'flex-end' }}>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void imports.refetch()}
          aria-label={t('common:action.refresh')}
          title={t('common:action.refresh')}
        />
      </div>
      <Table<CatalogueImport>
        rowKey="id"
        size="middle"
        loading={imports.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1120 }}
        data-testid="imports-table"
        locale={{
          emptyText: (
            <EmptyHint
              text={t('imports.empty')}
              action={
                <Button type="primary" icon={<UploadOutlined />} onClick={onImport}>
                  {t('import.open')}
                </Button>
              }
            />
          ),
        }}
        columns={[
          {
            title: t('imports.file'),
            dataIndex: 'fileName',
            width: 240,
            render: (fileName: string, row) => (
              <Link to={`/staff/catalogue/imports/${row.id}`} data-testid="import-open">
                {fileName}
              </Link>
            ),
          },
          {
            title: t('imports.by'),
            key: 'by',
            width: 110,
            render: (_, row) => row.createdBy.name,
          },
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
            render: (status: CatalogueImport['status']) => <ImportStatusTag status={status} />,
          },
          {
            title: t('imports.counts'),
            key: 'counts',
            width: 200,
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <span>{t('imports.countsText', { total: row.rowsTotal, valid: row.rowsValid })}</span>
                {(row.errorCount > 0 || row.warningCount > 0) && (
                  <Typography.Text type={row.errorCount > 0 ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
                    {t('imports.problemsText', { errors: row.errorCount, warnings: row.warningCount })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('imports.result'),
            key: 'result',
            render: (_, row) =>
              row.status === 'applied' ? (
                t('imports.resultText', { added: row.added ?? 0, updated: row.updated ?? 0 })
              ) : row.status === 'previewed' ? (
                <ImportActions item={row} size="small" />
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
      <div className="sq-load-more">
        {imports.hasNextPage ? (
          <Button
            onClick={() => void imports.fetchNextPage()}
            loading={imports.isFetchingNextPage}
            data-testid="imports-load-more"
          >
            {t('common:action.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && (
            <Typography.Text type="secondary">
              {t('common:table.allShown', { count: rows.length })}
            </Typography.Text>
          )
        )}
      </div>
    </>
  )
}
