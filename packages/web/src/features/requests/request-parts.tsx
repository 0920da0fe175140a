import type { RequestType } from '@shuqiao/contracts'
import { Descriptions, Grid, Tag, Typography } from 'antd'
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

/** The submitted form, each value under the label the type gives it (fields no longer defined last). */
export const RequestValues = ({
  type,
  form,
}: {
  type: RequestType | undefined
  form: Record<string, unknown>
}) => {
  const { t } = useTranslation(['requests', 'common'])
  const text = useText()
  const phone = !(Grid.useBreakpoint().sm ?? true)
  const known = type?.fields ?? []
  const extra = Object.keys(form).filter((name) => !known.some((field) => field.name === name))
  const items = [
    ...known.map((field) => {
      const value = displayValue(field, form[field.name], text)
      return {
        key: field.name,
        label: text(field.label),
        children: !value ? (
          <Typography.Text type="secondary">{t('detail.notGiven')}</Typography.Text>
        ) : field.kind === 'doi' ? (
          <Typography.Link href={`https://doi.org/${value}`} target="_blank" rel="noopener noreferrer">
            {value}
          </Typography.Link>
        ) : (
          <span className="sq-req-value">{value}</span>
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
