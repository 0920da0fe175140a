import { ReloadOutlined } from '@ant-design/icons'
import {
  type audit,
  READER_TYPES,
  REQUEST_TYPES,
  type ReaderType,
  ROLES,
  type Role,
} from '@shuqiao/contracts'
import { Button, Card, DatePicker, Input, Select, Table, Tag, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isConsortiumAdmin } from '../../app/access.ts'
import { formatDateTime, ISO_WEEKDAYS, type IsoWeekday } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import zhAudit from '../../locales/zh-CN/audit.json'
import { useDepartmentNames } from '../accounts/queries.ts'
import { useLibraries } from '../session/queries.ts'
import { type AuditFilters, useAuditEvents } from './queries.ts'

type AuditEvent = audit.AuditEvent

export const ENTITY_TYPES = [
  'account',
  'library',
  'library_calendar',
  'department',
  'oidc_provider',
  'request',
  'request_fee_waiver',
  'notice_channel',
  'notice_delivery',
  'catalogue_import',
  'similarity_batch',
  'similarity_thesis',
  'reply_template',
  'request_export',
  'e_resource',
  'access_platform',
] as const
const KNOWN_ACTIONS = [
  'account.create',
  'account.update',
  'account.roles.set',
  'account.password.reset',
  'library.create',
  'library.update',
  'library.calendar.set',
  'department.create',
  'sso.oidc.create',
  'sso.oidc.update',
  'request.assign',
  'request.fee_waiver.set',
  'notice.channel.create',
  'notice.channel.update',
  'notice.channel.delete',
  'notice.delivery.retry',
  'catalogue.import.apply',
  'similarity_batch.create',
  'similarity_batch.update',
  'similarity_batch.delete',
  'similarity_batch.import',
  'similarity_batch.results',
  'similarity_thesis.create',
  'similarity_thesis.update',
  'similarity_thesis.submit',
  'similarity_thesis.record',
  'similarity_thesis.correct',
  'similarity_thesis.recheck',
  'similarity_thesis.return',
  'similarity_thesis.requeue',
  'similarity_thesis.withdraw',
  'similarity_thesis.restore',
  'similarity_thesis.report',
  'request.export',
  'request.form_corrected',
  'request.reply_template.create',
  'request.reply_template.update',
  'request.reply_template.delete',
  'e_resource.created',
  'e_resource.updated',
  'e_resource.status_changed',
  'access_settings.updated',
  'access_platform.created',
  'access_platform.updated',
] as const
type KnownAction = (typeof KNOWN_ACTIONS)[number]
const ACTION_PREFIX = /^[a-z_.]*$/

const isKnownAction = (action: string): action is KnownAction =>
  (KNOWN_ACTIONS as readonly string[]).includes(action)
const isEntityType = (type: string): type is (typeof ENTITY_TYPES)[number] =>
  (ENTITY_TYPES as readonly string[]).includes(type)

/** The label of a request step (`request.accept` → 采纳) from the request types that declare it. */
const requestStepLabel = (action: string) => {
  const step = action.slice('request.'.length)
  for (const type of REQUEST_TYPES) {
    const transition = type.transitions.find((candidate) => candidate.action === step)
    if (transition) return transition.label
  }
  return undefined
}

/** A before/after value as a reader can scan it: text as is, lists joined, objects as JSON. */
const plain = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.join(', ') || '—'
  return JSON.stringify(value)
}

const KNOWN_FIELDS = new Set(Object.keys(zhAudit.field))
const isKnownField = (field: string): field is keyof typeof zhAudit.field => KNOWN_FIELDS.has(field)

/** Shows ids, codes and flags the way staff know them: library and department names, role names, 是/否. */
const useShowValue = (departmentNames: Map<string, { nameZh: string; nameEn: string }>) => {
  const { t } = useTranslation(['audit', 'common', 'accounts'])
  const name = useBilingual()
  const libraries = useLibraries().data?.items ?? []
  return (field: string, value: unknown): string => {
    if (field === 'open' && value === null) return t('value.restoreUsual')
    if (value === null || value === undefined) return plain(value)
    if (field === 'password') return value === 'old' ? t('value.passwordOld') : t('value.passwordNew')
    if (typeof value === 'boolean') return value ? t('common:state.yes') : t('common:state.no')
    if (field === 'libraryId' && typeof value === 'string')
      return name(libraries.find((library) => library.id === value)) || value
    if (field === 'departmentId' && typeof value === 'string')
      return name(departmentNames.get(value)) || value
    if (field === 'subjectDepartmentIds' && Array.isArray(value))
      return plain(value.map((id) => name(departmentNames.get(String(id))) || id))
    if (field === 'roles' && Array.isArray(value))
      return plain(value.map((role) => (ROLES.includes(role) ? t(`common:role.${role as Role}`) : role)))
    if (field === 'type' && typeof value === 'string' && (READER_TYPES as readonly string[]).includes(value))
      return t(`common:readerType.${value as ReaderType}`)
    if (field === 'status' && (value === 'active' || value === 'disabled'))
      return t(`accounts:status.${value}`)
    if (field === 'openWeekdays' && Array.isArray(value))
      return plain(
        value.map((day) =>
          ISO_WEEKDAYS.includes(day) ? t(`common:weekdayShort.${day as IsoWeekday}`) : day,
        ),
      )
    return plain(value)
  }
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined)

/**
 * A few words naming the changed item: the label the server recorded at the time, or for
 * older events what the snapshots hold (a name and reader number, a library's name).
 */
const useSummary = () => {
  const name = useBilingual()
  return (event: AuditEvent): string => {
    if (event.entityLabel) return event.entityLabel
    const snapshot = { ...(event.before ?? {}), ...(event.after ?? {}) }
    const zh = text(snapshot.nameZh)
    const en = text(snapshot.nameEn)
    const bilingual = zh || en ? name({ nameZh: zh ?? en ?? '', nameEn: en ?? zh ?? '' }) : undefined
    switch (event.entityType) {
      case 'account':
        return [text(snapshot.name), text(snapshot.readerNumber)].filter(Boolean).join(' · ')
      case 'library':
      case 'department':
        return [bilingual, text(snapshot.code)].filter(Boolean).join(' · ')
      case 'oidc_provider':
        return text(snapshot.label) ?? ''
      case 'library_calendar':
        return [text(snapshot.from), text(snapshot.to)].filter(Boolean).join(' – ')
      default:
        return ''
    }
  }
}

const Changes = ({
  event,
  departmentNames,
}: {
  event: AuditEvent
  departmentNames: Map<string, { nameZh: string; nameEn: string }>
}) => {
  const { t } = useTranslation(['audit', 'common'])
  const show = useShowValue(departmentNames)
  if (event.changedFields.length === 0)
    return <Typography.Text type="secondary">{t('noFieldChanges')}</Typography.Text>
  return (
    <table data-testid="audit-changes" style={{ borderCollapse: 'collapse', width: '100%' }}>
      <thead>
        <tr>
          <th style={{ textAlign: 'start', padding: '4px 8px', width: 240 }}>{t('column.field')}</th>
          <th style={{ textAlign: 'start', padding: '4px 8px' }}>{t('column.before')}</th>
          <th style={{ width: 24 }} aria-hidden />
          <th style={{ textAlign: 'start', padding: '4px 8px' }}>{t('column.after')}</th>
        </tr>
      </thead>
      <tbody>
        {event.changedFields.map((field) => (
          <tr key={field} style={{ borderTop: '1px solid #f0f0f0', verticalAlign: 'top' }}>
            <td style={{ padding: '4px 8px' }}>
              {isKnownField(field) ? t(`field.${field}`) : field}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {field}
              </Typography.Text>
            </td>
            <td style={{ padding: '4px 8px', wordBreak: 'break-all' }}>
              <Typography.Text delete={event.before !== null} type="secondary">
                {event.before ? show(field, event.before[field]) : '—'}
              </Typography.Text>
            </td>
            <td aria-hidden>→</td>
            <td style={{ padding: '4px 8px', wordBreak: 'break-all' }}>
              {event.after ? show(field, event.after[field]) : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Who changed what and when, newest first, with each change's before and after values. */
export const AuditPage = () => {
  const { t, i18n } = useTranslation(['audit', 'common'])
  usePageTitle(t('title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const name = useBilingual()
  const libraries = useLibraries()
  const [filters, setFilters] = useState<AuditFilters>({})
  const [actionText, setActionText] = useState('')
  const actionValid = ACTION_PREFIX.test(actionText)
  const events = useAuditEvents(filters)
  const rows = useMemo(() => events.data?.pages.flatMap((page) => page.items) ?? [], [events.data])
  const summary = useSummary()
  const departmentNames = useDepartmentNames(useMemo(() => rows.map((row) => row.libraryId), [rows]))
  const change = (next: Partial<AuditFilters>) => setFilters((current) => ({ ...current, ...next }))
  const filtered = Object.values(filters).some((value) => value !== undefined && value !== '')
  const english = i18n.language === 'en'
  const actionLabel = (action: string) => {
    if (isKnownAction(action)) return t(`action.${action}`)
    const step = action.startsWith('request.') ? requestStepLabel(action) : undefined
    return step ? t('action.request.step', { step: english ? step.en : step.zh }) : action
  }
  const libraryName = (id: string | null) => {
    const library = libraries.data?.items.find((item) => item.id === id)
    return library ? name(library) : t('consortiumLevel')
  }

  return (
    <div data-testid="audit-page">
      <PageHead title={t('title')} intro={t('intro')} />
      <Card size="small">
        <div className="sq-filters" data-testid="audit-filters">
          <Input.Search
            allowClear
            value={actionText}
            status={actionValid ? undefined : 'error'}
            onChange={(event) => {
              const value = event.target.value.trim().toLowerCase()
              setActionText(value)
              if (!value) change({ action: undefined })
            }}
            onSearch={(value) => {
              if (ACTION_PREFIX.test(value.trim())) change({ action: value.trim() || undefined })
            }}
            placeholder={t('filter.action')}
            aria-label={t('filter.action')}
            title={actionValid ? t('filter.actionHint') : t('filter.actionFormat')}
            maxLength={60}
            style={{ width: 260 }}
            data-testid="audit-filter-action"
          />
          <Select
            allowClear
            placeholder={t('filter.entityType')}
            aria-label={t('filter.entityType')}
            value={filters.entityType}
            onChange={(entityType) => change({ entityType })}
            options={ENTITY_TYPES.map((type) => ({ value: type, label: t(`entity.${type}`) }))}
            style={{ width: 160 }}
            data-testid="audit-filter-entity"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            aria-label={t('filter.dates')}
            placeholder={[t('filter.from'), t('filter.to')]}
            onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
              change({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
            data-testid="audit-filter-dates"
          />
          {consortium && (
            <Select
              allowClear
              placeholder={t('filter.library')}
              aria-label={t('filter.library')}
              value={filters.libraryId}
              onChange={(libraryId) => change({ libraryId })}
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              style={{ width: 220 }}
              data-testid="audit-filter-library"
            />
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void events.refetch()}
            aria-label={t('common:action.refresh')}
            title={t('common:action.refresh')}
          />
        </div>
        {!actionValid && (
          <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }}>
            {t('filter.actionFormat')}
          </Typography.Text>
        )}
        {events.isError ? (
          <PageError error={events.error} onRetry={() => void events.refetch()} backTo="/staff" />
        ) : (
          <>
            <Table<AuditEvent>
              rowKey="id"
              size="middle"
              loading={events.isPending}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 1060 }}
              data-testid="audit-table"
              expandable={{
                expandedRowRender: (event) => <Changes event={event} departmentNames={departmentNames} />,
                expandRowByClick: true,
              }}
              locale={{ emptyText: <EmptyHint text={filtered ? t('empty.filtered') : t('empty.none')} /> }}
              columns={[
                {
                  title: t('column.at'),
                  dataIndex: 'at',
                  width: 180,
                  render: (at: string) => <time dateTime={at}>{formatDateTime(at)}</time>,
                },
                {
                  title: t('column.actor'),
                  key: 'actor',
                  width: 160,
                  render: (_, event) =>
                    event.actor ? (
                      <span>
                        {event.actor.name}{' '}
                        <Typography.Text type="secondary">{event.actor.readerNumber}</Typography.Text>
                      </span>
                    ) : (
                      <Typography.Text type="secondary">{t('system')}</Typography.Text>
                    ),
                },
                {
                  title: t('column.action'),
                  dataIndex: 'action',
                  render: (action: string) => (
                    <span>
                      {actionLabel(action)}{' '}
                      <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                        {action}
                      </Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('column.entity'),
                  key: 'entity',
                  width: 260,
                  render: (_, event) => (
                    <span>
                      <Tag>
                        {isEntityType(event.entityType) ? t(`entity.${event.entityType}`) : event.entityType}
                      </Tag>
                      {summary(event)}
                    </span>
                  ),
                },
                ...(consortium
                  ? [
                      {
                        title: t('column.library'),
                        key: 'library',
                        width: 180,
                        render: (_: unknown, event: AuditEvent) => libraryName(event.libraryId),
                      },
                    ]
                  : []),
                {
                  title: t('column.changed'),
                  dataIndex: 'changedFields',
                  width: 200,
                  ellipsis: true,
                  render: (fields: string[]) =>
                    fields
                      .map((field) => (isKnownField(field) ? t(`field.${field}`) : field))
                      .join(t('common:listSeparator')) || '—',
                },
              ]}
            />
            <div className="sq-load-more">
              {events.hasNextPage ? (
                <Button
                  onClick={() => void events.fetchNextPage()}
                  loading={events.isFetchingNextPage}
                  data-testid="audit-load-more"
                >
                  {t('common:action.loadMore')}
                </Button>
              ) : (
                rows.length > 0 && (
                  <Typography.Text type="secondary">
                    {t('common:table.allShown', { count: rows.length })}
                  </Typography.Text>
                )
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  )
}
