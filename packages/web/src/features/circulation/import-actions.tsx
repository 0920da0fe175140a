import { CheckOutlined, DeleteOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { type ImportDetail, useImportAction } from './queries.ts'

/** 导入 N 条 (only without errors) and 放弃 for a previewed import, each after a confirmation. */
export const ImportActions = ({ detail }: { detail: ImportDetail }) => {
  const { t } = useTranslation(['circulation', 'common'])
  const { modal, message } = AntApp.useApp()
  const errorText = useErrorText()
  const apply = useImportAction('apply')
  const discard = useImportAction('discard')
  if (detail.status !== 'previewed') return null
  const busy = apply.isPending || discard.isPending

  const confirmApply = () =>
    modal.confirm({
      title: t('import.applyConfirm', { count: detail.rowsValid }),
      content: t('import.applyHint'),
      okText: t('import.apply', { count: detail.rowsValid }),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        apply
          .mutateAsync(detail.id)
          .then((done) => void message.success(t('import.applied', { count: done.added ?? 0 })))
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  const confirmDiscard = () =>
    modal.confirm({
      title: t('import.discardConfirm'),
      okText: t('import.discard'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        discard.mutateAsync(detail.id).catch((error: unknown) => void message.error(errorText(error))),
    })

  return (
    <Space wrap size={8}>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        disabled={detail.errorCount > 0 || detail.rowsValid === 0 || busy}
        loading={apply.isPending}
        onClick={confirmApply}
        data-testid="circulation-import-apply"
      >
        {t('import.apply', { count: detail.rowsValid })}
      </Button>
      <Button
        icon={<DeleteOutlined />}
        disabled={busy}
        loading={discard.isPending}
        onClick={confirmDiscard}
        data-testid="circulation-import-discard"
      >
        {t('import.discard')}
      </Button>
    </Space>
  )
}
