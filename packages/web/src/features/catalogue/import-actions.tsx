import { CheckOutlined, DeleteOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { type CatalogueImport, useApplyImport, useDiscardImport } from './queries.ts'

/**
 * Apply ("导入 N 条") and Discard for a previewed import, each after a confirmation that says
 * what will happen: known barcodes updated, the others added, rows with errors left out.
 */
export const ImportActions = ({
  item,
  size = 'middle',
}: {
  item: CatalogueImport
  size?: 'small' | 'middle'
}) => {
  const { t } = useTranslation(['catalogue', 'common'])
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const apply = useApplyImport()
  const discard = useDiscardImport()
  if (item.status !== 'previewed') return null
  const busy = apply.isPending || discard.isPending

  const confirmApply = () =>
    modal.confirm({
      title: t('preview.applyConfirmTitle', { count: item.rowsValid }),
      content: (
        <>
          <p style={{ margin: 0 }}>{t('preview.applyConfirmText')}</p>
          {rowsWithErrors(item) > 0 && (
            <p style={{ margin: '8px 0 0' }}>
              {t('preview.applyConfirmErrors', { count: rowsWithErrors(item) })}
            </p>
          )}
        </>
      ),
      okText: t('preview.apply', { count: item.rowsValid }),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        apply
          .mutateAsync(item.id)
          .then(
            (done) =>
              void message.success(
                t('preview.applied', { added: done.added ?? 0, updated: done.updated ?? 0 }),
              ),
          )
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  const confirmDiscard = () =>
    modal.confirm({
      title: t('preview.discardConfirmTitle'),
      content: t('preview.discardConfirmText'),
      okText: t('preview.discard'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        discard
          .mutateAsync(item.id)
          .then(() => void message.info(t('preview.discarded')))
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  return (
    <Space wrap size={8}>
      <Button
        type="primary"
        size={size}
        icon={<CheckOutlined />}
        disabled={item.rowsValid === 0 || busy}
        loading={apply.isPending}
        onClick={confirmApply}
        data-testid="import-apply"
      >
        {item.rowsValid === 0 ? t('preview.applyNone') : t('preview.apply', { count: item.rowsValid })}
      </Button>
      <Button
        size={size}
        icon={<DeleteOutlined />}
        disabled={busy}
        loading={discard.isPending}
        onClick={confirmDiscard}
        data-testid="import-discard"
      >
        {t('preview.discard')}
      </Button>
    </Space>
  )
}

/** Rows left out: every row of the file that did not make it into the valid ones. */
export const rowsWithErrors = (item: Pick<CatalogueImport, 'rowsTotal' | 'rowsValid'>) =>
  item.rowsTotal - item.rowsValid
