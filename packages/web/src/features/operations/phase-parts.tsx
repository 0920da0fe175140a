import type { phases } from '@shuqiao/contracts'
import { Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { SwitchEffect } from './queries.ts'

export const STATUS_COLORS: Record<phases.ServiceStatus, string> = {
  paused: 'error',
  online: 'processing',
  by_appointment: 'warning',
  normal: 'success',
}

/** A service's status in a phase, with its note under it. */
export const ServiceStatusCell = ({ service }: { service: phases.PhaseService }) => {
  const { t, i18n } = useTranslation('operations')
  const note = i18n.language === 'en' ? service.noteEn || service.noteZh : service.noteZh
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={STATUS_COLORS[service.status]} data-status={service.status}>
        {t(`statuses.${service.status}`)}
      </Tag>
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Space>
  )
}

/** What switching to a phase does besides the statuses, as tags. */
export const MeasureTags = ({ measures }: { measures: phases.PhaseMeasures }) => {
  const { t } = useTranslation('operations')
  const tags = [
    measures.extendDueDates &&
      t(
        measures.extendDueDates.includeOverdue ? 'measures.extendDueDatesOverdue' : 'measures.extendDueDates',
        {
          date: measures.extendDueDates.toDate,
        },
      ),
    measures.waiveFines && t('measures.waiveFines'),
    measures.freeDocumentDelivery && t('measures.freeDocumentDelivery'),
    measures.pickup && t('measures.pickup'),
    measures.raiseLimits &&
      t('measures.raiseLimits', {
        loans: measures.raiseLimits.extraLoans,
        renewals: measures.raiseLimits.extraRenewals,
        until: measures.raiseLimits.until,
      }),
  ].filter((tag): tag is string => !!tag)
  if (!tags.length) return <Typography.Text type="secondary">{t('measures.none')}</Typography.Text>
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag}>{tag}</Tag>
      ))}
    </Space>
  )
}

/** One line of a switch's preview or history. */
export const useEffectText = () => {
  const { t } = useTranslation('operations')
  const status = (value: string | null | undefined) =>
    value ? t(`statuses.${value as phases.ServiceStatus}`) : t('effect.unset')
  return (effect: SwitchEffect) => {
    switch (effect.kind) {
      case 'service_status':
        return t('effect.service_status', {
          service: t(`services.${effect.service!}`),
          from: status(effect.from),
          to: status(effect.to),
        })
      case 'pickup':
      case 'free_document_delivery':
        return t(`effect.${effect.kind}_${effect.to === 'on' ? 'on' : 'off'}`)
      default:
        return t(`effect.${effect.kind}`, { count: effect.count ?? 0 })
    }
  }
}
