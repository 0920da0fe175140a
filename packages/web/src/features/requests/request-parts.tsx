import type { RequestType, requests } from '@shuqiao/contracts'
import { Descriptions, Grid, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { displayValue } from './form-values.ts'
import { statusColour, statusLabelOf, useText } from './request-types.ts'

/** A request's status as its type labels it, in the type's colour for that status. */
export const StatusTag = ({ type, status }: { type: RequestType | undefined; status: string }) => {
  const text = useText()
  return (
    <Tag color={statusColour(type, status)} style={{ marginInlineEnd: 0 }} data-testid="request-status">
      {text(statusLabelOf(type, status))}
    </Tag>
  )
}

/** A due date, red with a note when the request is overdue. */
export const DueDate = ({ date, overdue }: { date: string; overdue: boolean }) => {
  const { t } = useTranslation('requests')
  return overdue ? (
    <span className="sq-req-overdue" data-testid="request-overdue">
      {date} · {t('overdue')}
    </span>
  ) : (
    <span>{date}</span>
  )
}

/** A form field's label as the type gives it, or its bare name for a field no longer defined. */
const fieldLabelOf = (type: RequestType | undefined, name: string) =>
  type?.fields.find((field) => field.name === name)?.label ?? { zh: name, en: name }

/**
 * The submitted form, each value under the label the type gives it (fields no longer defined last).
 * `changes` (the reader's latest correction) marks the fields it changed, with their earlier value.
 */
export const RequestValues = ({
  type,
  form,
  changes = [],
}: {
  type: RequestType | undefined
  form: Record<string, unknown>
  changes?: readonly requests.FormChange[]
}) => {
  const { t } = useTranslation(['requests', 'common'])
  const text = useText()
  const phone = !(Grid.useBreakpoint().sm ?? true)
  const known = type?.fields ?? []
  const extra = Object.keys(form).filter((name) => !known.some((field) => field.name === name))
  const marked = (name: string, children: ReactNode) => {
    const change = changes.find((candidate) => candidate.field === name)
    if (!change) return children
    const field = known.find((candidate) => candidate.name === name)
    return (
      <div className="sq-req-changed" data-testid="request-value-changed" data-field={name}>
        {children}
        <div className="sq-req-was">
          <Tag color="orange" style={{ marginInlineEnd: 6 }}>
            {t('correct.changedTag')}
          </Tag>
          {t('correct.was')}
          <del>{displayValue(field, change.before, text) || t('detail.notGiven')}</del>
        </div>
      </div>
    )
  }
  const items = [
    ...known.map((field) => {
      const value = displayValue(field, form[field.name], text)
      return {
        key: field.name,
        label: text(field.label),
        children: marked(
          field.name,
          !value ? (
            <Typography.Text type="secondary">{t('detail.notGiven')}</Typography.Text>
          ) : field.kind === 'doi' ? (
            <Typography.Link href={`https://doi.org/${value}`} target="_blank" rel="noopener noreferrer">
              {value}
            </Typography.Link>
          ) : (
            <span className="sq-req-value">{value}</span>
          ),
        ),
      }
    }),
    ...extra.map((name) => ({
      key: name,
      label: name,
      children: <span className="sq-req-value">{displayValue(undefined, form[name], text)}</span>,
    })),
  ]
  return (
    <Descriptions
      column={1}
      size="small"
      layout={phone ? 'vertical' : 'horizontal'}
      items={items}
      data-testid="request-values"
      styles={{ label: phone ? undefined : { width: 180 } }}
    />
  )
}

/** What a resubmission corrected in the form: each field, its value before and after. */
export const FormChanges = ({
  type,
  changes,
}: {
  type: RequestType | undefined
  changes: readonly requests.FormChange[]
}) => {
  const { t } = useTranslation('requests')
  const text = useText()
  const show = (name: string, value: unknown) =>
    displayValue(
      type?.fields.find((field) => field.name === name),
      value,
      text,
    ) || t('detail.notGiven')
  return (
    <div className="sq-req-changes" data-testid="timeline-changes">
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('correct.changedFields', { count: changes.length })}
      </Typography.Text>
      <ul>
        {changes.map((change) => (
          <li key={change.field} data-field={change.field}>
            <span className="sq-req-change-label">{text(fieldLabelOf(type, change.field))}</span>
            <del>{show(change.field, change.before)}</del>
            <span className="sq-req-arrow">→</span>
            <ins>{show(change.field, change.after)}</ins>
          </li>
        ))}
      </ul>
    </div>
  )
}
