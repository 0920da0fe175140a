import { App as AntApp, Button, Card, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { type ClosureBatch, useClosureBatches, useUndoBatch } from './closure-queries.ts'

const when = (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false })

/** 措施记录: every batch of the library, newest first, each with its undo while it stands. */
export const BatchesCard = () => {
  const { t } = useTranslation(['circulation', 'common'])
  const { modal, message } = AntApp.useApp()
  const errorText = useErrorText()
  const list = useClosureBatches()
  const undo = useUndoBatch()

  const confirmUndo = (batch: ClosureBatch) =>
    modal.confirm({
      title: t('closure.batches.undoConfirm', { count: batch.affected }),
      content: t('closure.batches.undoHint'),
      okText: t('closure.batches.undo'),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        undo
          .mutateAsync(batch.id)
          .then(
            (result) =>
              void message.success(
                t('closure.batches.undone', { restored: result.restored, changed: result.changedSince }),
              ),
          )
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  return (
    <Card size="small" title={t('closure.batches.title')} data-testid="closure-batches-card">
      <Table<ClosureBatch>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.batches ?? []}
        locale={{ emptyText: t('closure.batches.none') }}
        pagination={false}
        scroll={{ x: true }}
        data-testid="closure-batches-table"
        onRow={(batch) =>
          ({ 'data-kind': batch.kind, 'data-undone': String(Boolean(batch.undoneAt)) }) as object
        }
        columns={[
          { title: t('closure.batches.when'), key: 'when', render: (_, batch) => when(batch.createdAt) },
          {
            title: t('closure.batches.kind'),
            key: 'kind',
            render: (_, batch) => t(`closure.kind.${batch.kind}`),
          },
          {
            title: t('closure.batches.affected'),
            dataIndex: 'affected',
            key: 'affected',
            align: 'right',
          },
          {
            title: t('closure.reason'),
            key: 'reason',
            render: (_, batch) => (
              <Space orientation="vertical" size={0}>
                <span>{batch.reason ?? '—'}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {batch.createdBy.name}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('closure.status'),
            key: 'status',
            render: (_, batch) =>
              batch.undoneAt ? (
                <Tag>
                  {t('closure.batches.undoneTag', {
                    restored: batch.undo?.restored ?? 0,
                    changed: batch.undo?.changedSince ?? 0,
                  })}
                </Tag>
              ) : (
                <Tag color="blue">{t('closure.batches.standing')}</Tag>
              ),
          },
          {
            title: t('closure.action'),
            key: 'action',
            render: (_, batch) =>
              !batch.undoneAt && (
                <Button
                  size="small"
                  loading={undo.isPending && undo.variables === batch.id}
                  onClick={() => confirmUndo(batch)}
                  data-testid="closure-batch-undo"
                >
                  {t('closure.batches.undo')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  )
}
