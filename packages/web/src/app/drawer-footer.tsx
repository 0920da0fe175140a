import { Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'

/** The foot of a form drawer: cancel, and the button that submits the form (保存 unless named). */
export const DrawerFooter = ({
  onCancel,
  onSubmit,
  saving,
  disabled,
  submitLabel,
  testId,
}: {
  onCancel: () => void
  onSubmit: () => void
  saving: boolean
  disabled?: boolean
  submitLabel?: string
  testId: string
}) => {
  const { t } = useTranslation('common')
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onCancel}>{t('action.cancel')}</Button>
      <Button type="primary" loading={saving} disabled={disabled} onClick={onSubmit} data-testid={testId}>
        {submitLabel ?? t('action.save')}
      </Button>
    </Space>
  )
}
