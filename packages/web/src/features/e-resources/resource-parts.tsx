import { ClockCircleOutlined } from '@ant-design/icons'
import type { RouteKind } from '@shuqiao/contracts'
import { Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useMe } from '../session/queries.ts'
import { disciplinesOf, freePeriodOf } from './e-resources-logic.ts'
import { type ResourceStatus, useDisciplines } from './queries.ts'
import './e-resources.css'

/** Tag colours per route: green where no VPN is needed, blue for the campus login, orange for the VPN. */
export const ROUTE_COLOURS: Record<RouteKind | 'direct', string> = {
  carsi: 'green',
  open: 'cyan',
  proxy: 'blue',
  webvpn: 'geekblue',
  openathens: 'purple',
  vpn: 'orange',
  roaming: 'gold',
  direct: 'default',
}

export const STATUS_COLOURS: Record<ResourceStatus, string> = {
  draft: 'default',
  testing: 'processing',
  published: 'success',
  suspended: 'warning',
  expired: 'error',
}

/** The name of a route (`direct` too, as usage counts it) in the interface language. */
export const useRouteLabel = () => {
  const { t } = useTranslation('eResources')
  return (kind: string) => (kind in ROUTE_COLOURS ? t(`route.${kind as RouteKind | 'direct'}`) : kind)
}

/** A resource's names: Chinese first, the English one beside it when there is one. */
export const useResourceName = () => {
  const { i18n } = useTranslation()
  return (resource: { nameZh: string; nameEn: string | null }) =>
    i18n.language === 'en' && resource.nameEn ? resource.nameEn : resource.nameZh
}

export const RouteBadges = ({ routes, testId }: { routes: readonly RouteKind[]; testId?: string }) => {
  const label = useRouteLabel()
  return (
    <span className="sq-res-badges" data-testid={testId}>
      {routes.map((kind) => (
        <Tag key={kind} color={ROUTE_COLOURS[kind]} data-route={kind} bordered={false}>
          {label(kind)}
        </Tag>
      ))}
    </span>
  )
}

export const StatusTag = ({
  status,
  freeUntil,
  today,
}: {
  status: ResourceStatus
  freeUntil?: string | null | undefined
  today?: string | undefined
}) => {
  const { t } = useTranslation('eResources')
  // An expired resource whose free period is over ended on its own; otherwise someone withdrew it.
  const trialEnded = status === 'expired' && !!freeUntil && !!today && freeUntil < today
  return (
    <Tag color={STATUS_COLOURS[status]} data-status={status} data-testid="resource-status">
      {trialEnded ? t('status.trialEnded') : t(`status.${status}`)}
    </Tag>
  )
}

/** The end of a free period and how long is left, e.g. "免费至 2026-03-31 · 还剩 30 天". */
export const FreeUntil = ({
  resource,
  today,
}: {
  resource: { freeFrom: string | null; freeUntil: string | null }
  today: string
}) => {
  const { t } = useTranslation('eResources')
  const period = freePeriodOf(resource, today)
  if (!period || !resource.freeUntil) return null
  const text =
    period.state === 'ended'
      ? t('free.ended', { date: resource.freeUntil })
      : period.state === 'upcoming'
        ? t('free.upcoming', { from: resource.freeFrom, until: resource.freeUntil })
        : period.daysLeft === 0
          ? t('free.lastDay', { date: resource.freeUntil })
          : t('free.until', { date: resource.freeUntil, count: period.daysLeft })
  return (
    <Tag
      icon={<ClockCircleOutlined />}
      color={period.state === 'ended' ? 'default' : 'volcano'}
      bordered={false}
      className="sq-res-free"
      data-testid="resource-free-until"
    >
      {text}
    </Tag>
  )
}

/**
 * The discipline list resources are filed under: a guest's chosen library's (`library`, its
 * code), else the signed-in caller's own. Undefined until it has arrived.
 */
export const useDisciplineList = (library?: string | undefined) => {
  const me = useMe()
  const own = !!me.data?.library
  const list = useDisciplines(own ? null : (library ?? null), !me.isPending && (own || !!library))
  return list.data?.items
}

/** The disciplines a resource is filed under, by name in the interface language. */
export const SubjectNames = ({
  codes,
  library,
}: {
  codes: readonly string[]
  library?: string | undefined
}) => {
  const { i18n } = useTranslation()
  const list = useDisciplineList(library)
  const english = i18n.language === 'en'
  if (!list) return null
  return (
    <Space size={[4, 4]} wrap>
      {disciplinesOf(codes, list).map((discipline) => (
        <Tag key={discipline.code} bordered={false}>
          {english ? discipline.en : discipline.zh}
        </Tag>
      ))}
    </Space>
  )
}

/** The library's discipline list (see useDisciplineList) as Select options in the interface language. */
export const useSubjectOptions = (library?: string | undefined) => {
  const { i18n } = useTranslation()
  const english = i18n.language === 'en'
  return (useDisciplineList(library) ?? []).map((discipline) => ({
    value: discipline.code,
    label: english ? discipline.en : discipline.zh,
  }))
}

/** A free period as staff read it: its dates, and how long is left or that it is over. */
export const FreePeriodLine = ({
  resource,
  today,
}: {
  resource: { freeFrom: string | null; freeUntil: string | null }
  today: string
}) => {
  const { t } = useTranslation('eResources')
  const period = freePeriodOf(resource, today)
  if (!period) return null
  return (
    <span style={{ fontSize: 12, lineHeight: 1.5 }} data-testid="resource-free-period">
      {t('free.label')}
      <br />
      <span style={{ whiteSpace: 'nowrap' }}>
        {t('free.range', { from: resource.freeFrom ?? '…', until: resource.freeUntil })}
      </span>
      <br />
      <Typography.Text
        type={period.state === 'running' && period.daysLeft <= 7 ? 'warning' : 'secondary'}
        style={{ fontSize: 12 }}
      >
        {period.state === 'ended'
          ? t('free.over')
          : period.state === 'upcoming'
            ? t('free.notStarted')
            : t('free.daysLeft', { count: period.daysLeft })}
      </Typography.Text>
    </span>
  )
}
