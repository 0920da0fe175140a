import { App as AntApp, Button, Input, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { formatFen } from './circulation-logic.ts'
import { type Fine, useSettleFine } from './queries.ts'

/** 已缴费 and 免除 for an open fine at the desk; waiving asks for the reason. */
export const FineActions = ({ fine }: { fine: Fine }) => {
  const { t } = useTranslation(['circulation', 'common'])
  const { modal, message } = AntApp.useApp()
  const errorText = useErrorText()
  const settle = useSettleFine()
  const amount = formatFen(fine.amountFen)

  const pay = () =>
    modal.confirm({
      title: t('fine.payConfirm', { amount }),
      okText: t('fine.pay'),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        settle
          .mutateAsync({ fineId: fine.id, status: 'paid' })
          .then(() => void message.success(t('fine.paid')))
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  const waive = () => {
    let note = ''
    modal.confirm({
      title: t('fine.waiveTitle', { amount }),
      content: (
        <Input.TextArea
          aria-label={t('fine.waiveReason')}
          placeholder={t('fine.waiveReasonPlaceholder')}
          maxLength={500}
          autoSize={{ minRows: 2 }}
          onChange={(event) => {
            note = event.target.value
          }}
          data-testid="fine-waive-reason"
        />
      ),
      okText: t('fine.waive'),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        settle
          .mutateAsync({ fineId: fine.id, status: 'waived', note })
          .then(() => void message.success(t('fine.waived')))
          .catch((error: unknown) => {
            void message.error(errorText(error))
            throw error
          }),
    })
  }

  return (
    <Space size={4}>
      <Button size="small" onClick={pay} data-testid="fine-pay">
        {t('fine.pay')}
      </Button>
      <Button size="small" onClick={waive} autoInsertSpace={false} data-testid="fine-waive">
        {t('fine.waive')}
      </Button>
    </Space>
  )
}
