import { Alert, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { formatFen } from './circulation-logic.ts'
import { FineActions } from './fine-actions.tsx'
import { Amount, DueDay, FineReason } from './loan-parts.tsx'
import type { ReaderAtDesk } from './queries.ts'

/** The reader being served: who they are, how many items they have against their limit, their loans and unpaid fines. */
export const DeskReaderPanel = ({
  reader,
  loading,
  error,
  today,
}: {
  reader: ReaderAtDesk | undefined
  loading: boolean
  error: unknown
  today: string
}) => {
  const { t } = useTranslation('circulation')
  const errorText = useErrorText()
  if (loading) return <Skeleton active paragraph={{ rows: 4 }} />
  if (error) return <Alert type="error" showIcon title={errorText(error)} data-testid="desk-reader-error" />
  if (!reader) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.needReader')} />
  const who = reader.reader
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="desk-reader-panel">
      <div>
        <Space size={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="desk-reader-name">
            {who.name}
          </Typography.Text>
          <Typography.Text type="secondary">{who.readerNumber}</Typography.Text>
          <Tag>{t(`readerType.${who.type}`)}</Tag>
          {who.status === 'disabled' && <Tag color="red">{t('reader.disabled')}</Tag>}
        </Space>
        <div className="sq-circ-reader-counts" data-testid="desk-reader-counts">
          <span>{t('reader.onLoan', { count: reader.loans.length })}</span>
          <span>
            {reader.itemLimit === null ? t('reader.noRule') : t('reader.limit', { limit: reader.itemLimit })}
          </span>
          <span className={reader.openFinesFen > 0 ? 'sq-circ-owing' : undefined}>
            {reader.openFinesFen > 0
              ? t('reader.fines', { amount: formatFen(reader.openFinesFen) })
              : t('reader.noFines')}
          </span>
        </div>
      </div>
      <Card size="small" title={t('reader.loans')}>
        <List
          size="small"
          dataSource={reader.loans}
          locale={{ emptyText: t('reader.noLoans') }}
          data-testid="desk-reader-loans"
          renderItem={(loan) => (
            <List.Item data-barcode={loan.item.barcode} className="sq-circ-loan-row">
              <div style={{ minWidth: 0 }}>
                <div className="sq-circ-title">{loan.item.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {loan.item.barcode}
                  {loan.item.callNumber ? ` · ${loan.item.callNumber}` : ''}
                </Typography.Text>
              </div>
              <DueDay loan={loan} today={today} />
            </List.Item>
          )}
        />
      </Card>
      {reader.fines.length > 0 && (
        <Card size="small" title={t('reader.openFines')}>
          <List
            size="small"
            dataSource={reader.fines}
            data-testid="desk-reader-fines"
            renderItem={(fine) => (
              <List.Item actions={[<FineActions key="settle" fine={fine} />]}>
                <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                  <Amount fen={fine.amountFen} />
                  <Typography.Text style={{ fontSize: 12 }}>
                    <FineReason fine={fine} />
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  )
}
