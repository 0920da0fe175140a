import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { DueDay } from './loan-parts.tsx'
import { type Loan, useRenewMyLoan } from './queries.ts'

/**
 * One loan on the reader's phone: the book, its due date (overdue marked), how many renewals
 * are left, and 续借. A refused renewal says why, under the card, until the next try.
 */
export const MyLoanCard = ({ loan, today }: { loan: Loan; today: string }) => {
  const { t } = useTranslation('circulation')
  const errorText = useErrorText()
  const renew = useRenewMyLoan()
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>()

  const tryRenew = () => {
    setOutcome(undefined)
    renew.mutate(loan, {
      onSuccess: (renewed) => setOutcome({ ok: true, text: t('mine.renewed', { due: renewed.dueDay }) }),
      onError: (error) => setOutcome({ ok: false, text: errorText(error) }),
    })
  }

  return (
    <Card
      size="small"
      data-testid="my-loan"
      data-barcode={loan.item.barcode}
      data-overdue={loan.overdue ? 'true' : 'false'}
      className={loan.overdue ? 'sq-circ-overdue-card' : undefined}
    >
      <div className="sq-circ-card-head">
        <div style={{ minWidth: 0 }}>
          <div className="sq-circ-title" data-testid="my-loan-title">
            {loan.item.title}
          </div>
          <div className="sq-circ-meta">
            {loan.item.author && <span>{loan.item.author}</span>}
            <span>
              {loan.item.barcode}
              {loan.item.callNumber ? ` · ${loan.item.callNumber}` : ''}
            </span>
            <span>{t('mine.checkedOut', { day: dayjs(loan.checkedOutAt).format('YYYY-MM-DD') })}</span>
          </div>
        </div>
      </div>
      <div className="sq-circ-card-foot">
        <div>
          <DueDay loan={loan} today={today} />
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {loan.overdue
              ? t('mine.overdueHint')
              : loan.renewalsLeft
                ? t('mine.renewalsLeft', { count: loan.renewalsLeft })
                : t('mine.noRenewalsLeft')}
          </Typography.Text>
        </div>
        <Button
          icon={<ReloadOutlined />}
          onClick={tryRenew}
          loading={renew.isPending}
          data-testid="my-loan-renew"
        >
          {t('mine.renew')}
        </Button>
      </div>
      {outcome && (
        <Alert
          style={{ marginTop: 8 }}
          type={outcome.ok ? 'success' : 'warning'}
          showIcon
          title={outcome.ok ? outcome.text : t('mine.notRenewed')}
          description={outcome.ok ? undefined : outcome.text}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid={outcome.ok ? 'my-loan-renewed' : 'my-loan-refused'}
        />
      )}
    </Card>
  )
}
