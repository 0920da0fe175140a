import type { FormField, RequestType } from '@shuqiao/contracts'
import { Checkbox, DatePicker, Form, Grid, Input, InputNumber, Radio } from 'antd'
import { Fragment, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { checkField, type FormValue } from './form-values.ts'
import { useText } from './request-types.ts'

const Control = ({ field, ...rest }: { field: FormField; [injected: string]: unknown }) => {
  const { t } = useTranslation('requests')
  const text = useText()
  const phone = !(Grid.useBreakpoint().md ?? true)
  const testId = `request-field-${field.name}`
  switch (field.kind) {
    case 'text':
      return <Input {...rest} maxLength={field.max} data-testid={testId} />
    case 'textarea':
      return (
        <Input.TextArea
          {...rest}
          maxLength={field.max}
          showCount
          autoSize={{ minRows: 3, maxRows: 10 }}
          data-testid={testId}
        />
      )
    case 'select':
      return (
        <Radio.Group {...rest} className="sq-req-choices" data-testid={testId}>
          {field.options.map((option) => (
            <Radio key={option.value} value={option.value}>
              {text(option.label)}
            </Radio>
          ))}
        </Radio.Group>
      )
    case 'multiselect':
      return (
        <Checkbox.Group
          {...rest}
          className="sq-req-choices sq-req-choices-grid"
          data-testid={testId}
          options={field.options.map((option) => ({ value: option.value, label: text(option.label) }))}
        />
      )
    case 'date':
      return (
        <DatePicker
          {...rest}
          format="YYYY-MM-DD"
          inputReadOnly={phone}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      )
    case 'number':
      return (
        <InputNumber
          {...rest}
          min={field.min}
          max={field.max}
          precision={0}
          style={{ width: '100%' }}
          data-testid={testId}
        />
      )
    case 'isbn':
      return (
        <Input
          {...rest}
          maxLength={20}
          placeholder={t('form.isbnPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          data-testid={testId}
        />
      )
    case 'doi':
      return (
        <Input
          {...rest}
          maxLength={240}
          inputMode="url"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('form.doiPlaceholder')}
          data-testid={testId}
        />
      )
  }
}

/**
 * The fields of a request type's form, generated from its definition in the contracts: labels,
 * help, required marks and the same checks the server makes. `after` puts something (such as
 * the holdings panel) right below the field of that name.
 */
export const RequestFormFields = ({
  type,
  after = {},
}: {
  type: RequestType
  after?: Partial<Record<string, ReactNode>>
}) => {
  const { t } = useTranslation('requests')
  const text = useText()
  const kindHint = (field: FormField): ReactNode =>
    field.kind === 'isbn' ? t('form.isbnHint') : field.kind === 'doi' ? t('form.doiHint') : undefined
  return (
    <>
      {type.fields.map((field) => (
        <Fragment key={field.name}>
          <Form.Item
            name={field.name}
            label={text(field.label)}
            extra={field.help ? text(field.help) : kindHint(field)}
            required={field.required}
            validateTrigger={['onBlur', 'onChange']}
            rules={[
              {
                validator: (_, value: FormValue) => {
                  const issue = checkField(type, field, value)
                  return issue
                    ? Promise.reject(
                        new Error(t(`validation.${issue.key}`, { min: issue.min, max: issue.max })),
                      )
                    : Promise.resolve()
                },
              },
            ]}
          >
            <Control field={field} />
          </Form.Item>
          {after[field.name]}
        </Fragment>
      ))}
    </>
  )
}
