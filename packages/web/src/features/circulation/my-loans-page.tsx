import { ReloadOutlined } from '@ant-design/icons'
import { Button, Card, List, Skeleton, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from '../../app/hooks.ts'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { formatFen } from './circulation-logic.ts'
import { Amount, FineReason, FineStatus } from './loan-parts.tsx'
import { MyLoanCard } from './my-loan-card.tsx'
import { useMyLoans } from './queries.ts'
import { useLibraryToday } from './use-library-today.ts'
import './circulation.css'

/** 我的借阅 on the reader's phone: loans soonest due first with their due dates and renewal, then fines. */
export const MyLoansPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('mine.title'))
  const me = useSignedIn()
  const today = useLibraryToday(me.library?.id)
  const mine = useMyLoans()

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="my-loans-page">
      <div className="sq-circ-card-head" style={{ alignItems: 'center' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('mine.title')}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void mine.refetch()}
          aria-label={t('common:action.refresh')}
          title={t('common:action.refresh')}
        />
      </div>
      {mine.isPending ? (
        <div data-testid="page-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : mine.isError ? (
        <PageError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="my-loans-summary">
            {t('mine.onLoan', { count: mine.data.loans.length })}
            {mine.data.itemLimit !== null && ` · ${t('mine.limit', { limit: mine.data.itemLimit })}`}
          </Typography.Text>
          {mine.data.loans.length === 0 ? (
            <EmptyHint text={t('mine.empty')} />
          ) : (
            <div className="sq-circ-list" data-testid="my-loans-list">
              {mine.data.loans.map((loan) => (
                <MyLoanCard key={loan.id} loan={loan} today={today} />
              ))}
            </div>
          )}
          <Card size="small" title={t('mine.fines')} data-testid="my-fines">
            {mine.data.openFinesFen > 0 && (
              <Typography.Paragraph className="sq-circ-owing" data-testid="my-fines-open">
                {t('mine.finesOpen', { amount: formatFen(mine.data.openFinesFen) })}
              </Typography.Paragraph>
            )}
            <List
              size="small"
              dataSource={mine.data.fines}
              locale={{ emptyText: t('mine.finesNone') }}
              renderItem={(fine) => (
                <List.Item data-testid="my-fine" data-status={fine.status}>
                  <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                    <Typography.Text style={{ fontSize: 13 }}>
                      <FineReason fine={fine} />
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(fine.createdAt).format('YYYY-MM-DD')}
                    </Typography.Text>
                  </Space>
                  <Space size={6}>
                    <Amount fen={fine.amountFen} />
                    <FineStatus status={fine.status} />
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
    </Space>
  )
}
