import { Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { dueState, formatFen } from './circulation-logic.ts'
import type { Fine, Loan } from './queries.ts'

/** The due day, tagged 已逾期 (red) or 即将到期 (orange, within three days). */
export const DueDay = ({ loan, today }: { loan: Pick<Loan, 'overdue' | 'dueDay'>; today: string }) => {
  const { t } = useTranslation('circulation')
  const state = dueState(loan, today)
  return (
    <span className="sq-circ-due" data-testid="loan-due" data-due-state={state}>
      <time dateTime={loan.dueDay}>{loan.dueDay}</time>
      {state !== 'later' && (
        <Tag color={state === 'overdue' ? 'red' : 'orange'} style={{ marginInline: 6 }}>
          {t(`due.${state}`)}
        </Tag>
      )}
    </span>
  )
}

/** What a fine is for: days late on an item, or the old system's reason. */
export const FineReason = ({ fine }: { fine: Fine }) => {
  const { t } = useTranslation('circulation')
  return (
    <span>
      {fine.kind === 'overdue' ? t('fine.overdue', { days: fine.overdueDays ?? 0 }) : t('fine.imported')}
      {fine.item && (
        <Typography.Text type="secondary">
          {' · '}
          {fine.item.title}（{fine.item.barcode}）
        </Typography.Text>
      )}
      {fine.note && <Typography.Text type="secondary"> · {fine.note}</Typography.Text>}
    </span>
  )
}

const FINE_COLOURS = { open: 'red', paid: 'green', waived: 'default' } as const

export const FineStatus = ({ status }: { status: Fine['status'] }) => {
  const { t } = useTranslation('circulation')
  return (
    <Tag color={FINE_COLOURS[status]} style={{ marginInlineEnd: 0 }} data-status={status}>
      {t(`fine.status.${status}`)}
    </Tag>
  )
}

export const Amount = ({ fen }: { fen: number }) => <span className="sq-circ-amount">{formatFen(fen)}</span>
