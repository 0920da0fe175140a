import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons'
import { List, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

export interface DeskResult {
  key: string
  mode: 'checkOut' | 'checkIn' | 'renew'
  barcode: string
  ok: boolean
  /** The item's title, when the server named it. */
  title: string | null
  /** What happened, or why not, in the interface language. */
  text: string
  /** Whom it was lent to or returned from. */
  who: string | null
}

/** This session's results, newest first: what was done to which item, or why it was not. */
export const DeskLog = ({ results }: { results: DeskResult[] }) => {
  const { t } = useTranslation('circulation')
  return (
    <List
      size="small"
      header={<Typography.Text strong>{t('desk.log')}</Typography.Text>}
      dataSource={results}
      locale={{ emptyText: t('desk.logEmpty') }}
      data-testid="desk-log"
      renderItem={(result) => (
        <List.Item
          data-testid="desk-result"
          data-outcome={result.ok ? 'ok' : 'refused'}
          data-barcode={result.barcode}
          className={result.ok ? 'sq-circ-result' : 'sq-circ-result sq-circ-refused'}
        >
          <div className="sq-circ-result-line">
            {result.ok ? (
              <CheckCircleFilled style={{ color: '#389e0d' }} aria-hidden />
            ) : (
              <CloseCircleFilled style={{ color: '#cf1322' }} aria-hidden />
            )}
            <div style={{ minWidth: 0 }}>
              <div>
                <Typography.Text code>{result.barcode}</Typography.Text>
                {result.title && <span className="sq-circ-title"> {result.title}</span>}
              </div>
              <Typography.Text type={result.ok ? undefined : 'danger'} data-testid="desk-result-text">
                {result.ok ? result.text : t('desk.refused', { reason: result.text })}
              </Typography.Text>
              {result.who && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {result.who}
                </Typography.Text>
              )}
            </div>
          </div>
        </List.Item>
      )}
    />
  )
}
