import { BookOutlined, RightOutlined } from '@ant-design/icons'
import { Card, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useMyLoans } from './queries.ts'
import './circulation.css'

/** The home page's card for 我的借阅: how many books, how many overdue, the next due date. */
export const MyLoansCard = () => {
  const { t } = useTranslation('circulation')
  const mine = useMyLoans()
  const loans = mine.data?.loans ?? []
  const overdue = loans.filter((loan) => loan.overdue).length
  const next = loans.find((loan) => !loan.overdue)
  return (
    <Link to="/loans" data-testid="home-my-loans">
      <Card hoverable size="small">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Space size={8} style={{ minWidth: 0 }}>
            <BookOutlined style={{ fontSize: 20, color: 'var(--ant-color-primary)' }} />
            <Typography.Text strong>{t('mine.title')}</Typography.Text>
          </Space>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.25)', fontSize: 12 }} />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {mine.data && loans.length > 0 ? (
            <>
              {t('mine.homeCount', { count: loans.length })}
              {overdue > 0 && (
                <span className="sq-circ-owing"> · {t('mine.homeOverdue', { count: overdue })}</span>
              )}
              {next && ` · ${t('mine.homeNext', { day: next.dueDay })}`}
            </>
          ) : (
            t('mine.homeHint')
          )}
        </Typography.Text>
      </Card>
    </Link>
  )
}
