import type { RequestType } from '@shuqiao/contracts'
import { Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { yuan } from './request-types.ts'

export interface FeeToday {
  feeFen: number
  feeWaivedUntil: string | null
}

/** Today's fee: 免费 / Free, ¥x.xx, or the usual fee struck through while it is waived. */
export const Fee = ({
  type,
  today,
  loading,
}: {
  type: RequestType
  today?: FeeToday | undefined
  loading?: boolean
}) => {
  const { t } = useTranslation('requests')
  if (loading) return <Skeleton.Button active size="small" style={{ width: 64 }} />
  if (!today) return <Typography.Text type="secondary">{t('fee.unknown')}</Typography.Text>
  // Free for a while (a waiver to a date, or the library's current phase): the usual price struck through.
  if (today.feeWaivedUntil || (today.feeFen === 0 && type.feeFen > 0))
    return (
      <Space size={4} wrap data-testid={`service-fee-${type.code}`}>
        <Tag color="green" style={{ marginInlineEnd: 0 }}>
          {t('fee.free')}
        </Tag>
        {type.feeFen > 0 && (
          <Typography.Text delete type="secondary">
            ¥{yuan(type.feeFen)}
          </Typography.Text>
        )}
        <Typography.Text type="success" style={{ fontSize: 13 }}>
          {today.feeWaivedUntil ? t('fee.waivedUntil', { date: today.feeWaivedUntil }) : t('fee.freeInPhase')}
        </Typography.Text>
      </Space>
    )
  return (
    <span data-testid={`service-fee-${type.code}`}>
      {today.feeFen === 0 ? (
        <Tag color="green" style={{ marginInlineEnd: 0 }}>
          {t('fee.free')}
        </Tag>
      ) : (
        <Typography.Text strong>
          ¥{yuan(today.feeFen)}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {' '}
            {t('fee.perRequest')}
          </Typography.Text>
        </Typography.Text>
      )}
    </span>
  )
}
