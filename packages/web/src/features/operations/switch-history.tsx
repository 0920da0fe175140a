import { UndoOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, Popconfirm, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual } from '../../app/hooks.ts'
import { EmptyHint, useErrorText } from '../../app/page-states.tsx'
import { useEffectText } from './phase-parts.tsx'
import { type PhaseSwitch, usePhaseSwitches, useUndoSwitch } from './queries.ts'

/** 切换记录: every switch with what it did; the latest not undone can be undone. */
export const SwitchHistory = ({
  libraryId,
  canUndo,
}: {
  libraryId: string | undefined
  canUndo: boolean
}) => {
  const { t } = useTranslation(['operations', 'common'])
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const effectText = useEffectText()
  const list = usePhaseSwitches(libraryId)
  const undo = useUndoSwitch()

  const undoSwitch = (row: PhaseSwitch) =>
    undo.mutate(row.id, {
      onSuccess: (done) => {
        const changed = (done.undoReport ?? []).reduce((sum, entry) => sum + entry.count, 0)
        void message.success(
          [
            t('history.undoneMessage', { name: name(done.from ?? undefined) || '—' }),
            changed ? t('history.changedSince', { count: changed }) : '',
          ]
            .filter(Boolean)
            .join('；'),
        )
      },
      onError: (error) => void message.error(errorText(error)),
    })

  return (
    <Card size="small" title={t('history.title')} data-testid="phase-history">
      <Table<PhaseSwitch>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyHint text={t('history.empty')} /> }}
        expandable={{
          rowExpandable: (row) => row.effects.length > 0,
          expandedRowRender: (row) => (
            <ul className="sq-phase-effects">
              {row.effects.map((effect) => (
                <li key={`${effect.kind}-${effect.service ?? ''}`}>{effectText(effect)}</li>
              ))}
            </ul>
          ),
        }}
        onRow={(row) => ({ 'data-switch': row.id, 'data-undone': String(!!row.undoneAt) }) as object}
        columns={[
          { title: t('history.at'), key: 'at', render: (_, row) => formatDateTime(row.switchedAt) },
          {
            title: t('history.change'),
            key: 'change',
            render: (_, row) => (
              <Typography.Text delete={!!row.undoneAt}>
                {name(row.from ?? undefined) || '—'} → {name(row.to)}
              </Typography.Text>
            ),
          },
          {
            title: t('history.effects'),
            key: 'effects',
            render: (_, row) => t('history.effectsCount', { count: row.effects.length }),
          },
          { title: t('history.by'), key: 'by', render: (_, row) => row.switchedBy?.name ?? '—' },
          {
            title: '',
            key: 'undo',
            render: (_, row) =>
              row.undoneAt ? (
                <Typography.Text type="secondary">
                  {t('history.undone', { at: formatDateTime(row.undoneAt), name: row.undoneBy?.name ?? '—' })}
                </Typography.Text>
              ) : (
                row.undoable &&
                canUndo && (
                  <Popconfirm
                    title={t('history.undoTitle')}
                    description={t('history.undoText', { name: name(row.from ?? undefined) || '—' })}
                    onConfirm={() => undoSwitch(row)}
                    okButtonProps={{ 'data-testid': 'phase-undo-confirm' } as Record<string, string>}
                  >
                    <Button
                      size="small"
                      icon={<UndoOutlined />}
                      loading={undo.isPending}
                      data-testid="phase-undo"
                    >
                      {t('history.undo')}
                    </Button>
                  </Popconfirm>
                )
              ),
          },
        ]}
      />
    </Card>
  )
}
