import { ArrowLeftOutlined, ClockCircleOutlined } from '@ant-design/icons'
import { Alert, App as AntApp, Button, Card, Form, Result, Space, Typography } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { describesBook } from '../catalogue/catalogue-logic.ts'
import { FormHoldingsPanel } from '../catalogue/holdings-panel.tsx'
import { newIdempotencyKey } from './api.ts'
import { ATTACHMENTS, AttachmentsItem, fileIdsOf } from './attachments.tsx'
import { Fee } from './fee.tsx'
import { applyFormProblems, type FormValue, formBody, SUBJECT } from './form-values.ts'
import { useRequestTypes, useSubmitRequest } from './queries.ts'
import { RequestFormFields } from './request-form-fields.tsx'
import { requestTypeOf, useText } from './request-types.ts'
import { SubjectItem } from './subject-parts.tsx'
import './requests.css'

/** A request form generated from the type's definition; submitting it opens the new request. */
export const NewRequestPage = () => {
  const { t } = useTranslation(['requests', 'common'])
  const { type: code = '' } = useParams()
  const type = requestTypeOf(code)
  const text = useText()
  usePageTitle(type ? t('new.title', { type: text(type.name) }) : t('new.unknownType'))
  const me = useSignedIn()
  const navigate = useNavigate()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<Record<string, FormValue>>()
  const types = useRequestTypes()
  const submit = useSubmitRequest()
  // One key per visit to the form: a double tap or a retry after a lost answer creates one request.
  const [idempotencyKey] = useState(newIdempotencyKey)
  const sending = useRef(false)
  const [problem, setProblem] = useState<string>()
  const [search] = useSearchParams()

  if (!type)
    return (
      <Result
        status="404"
        title={t('new.unknownType')}
        data-testid="request-form-unknown"
        extra={
          <LinkButton to="/services" type="primary">
            {t('services.title')}
          </LinkButton>
        }
      />
    )

  const today = types.data?.items.find((item) => item.code === type.code)
  // A link may fill in short texts (the catalogue's "suggest a purchase" passes ?title=).
  const prefilled = Object.fromEntries(
    type.fields.flatMap((field) => {
      const value = search.get(field.name)?.trim()
      return (field.kind === 'text' || field.kind === 'isbn') && value
        ? [[field.name, value.slice(0, 300)]]
        : []
    }),
  )
  // Forms that describe a book tell the reader at once whether the library already has it.
  const checksHoldings = !!me.library && describesBook(type.fields)
  // Types assigned by subject let the reader pick the subject, their own department to start with.
  const bySubject = type.assignment === 'subject_librarian' && !!me.library
  const initialValues = {
    ...prefilled,
    ...(bySubject && me.department ? { [SUBJECT]: me.department.id } : {}),
  }

  const onFinish = (values: Record<string, FormValue>) => {
    if (sending.current) return
    sending.current = true
    setProblem(undefined)
    submit.mutate(
      {
        key: idempotencyKey,
        body: {
          type: type.code,
          form: formBody(type, values),
          fileIds: fileIdsOf(values[ATTACHMENTS]),
          subjectId: bySubject && typeof values[SUBJECT] === 'string' ? values[SUBJECT] : undefined,
        },
      },
      {
        onSuccess: (detail) => {
          void message.success(t('new.submitted', { number: detail.number }))
          void navigate(`/requests/${detail.id}`, { replace: true })
        },
        onError: (error) => {
          sending.current = false
          const { placed, rest } = applyFormProblems(form, error, [
            ...type.fields.map((field) => field.name),
            ATTACHMENTS,
            SUBJECT,
          ])
          if (!placed || rest.length > 0) setProblem([errorText(error), ...rest].join(' '))
        },
      },
    )
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="request-form-page">
      <div>
        <LinkButton to="/services" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('services.title')}
        </LinkButton>
        <Typography.Title level={3} style={{ margin: '4px 0' }}>
          {text(type.name)}
        </Typography.Title>
        <Typography.Text type="secondary">{text(type.description)}</Typography.Text>
      </div>
      <Card size="small">
        <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="request-fee">
          <Space size={8} wrap>
            <Typography.Text type="secondary">{t('fee.label')}</Typography.Text>
            <Fee type={type} today={today} loading={types.isPending} />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            <ClockCircleOutlined />{' '}
            {t('services.target', { days: today?.targetWorkingDays ?? type.targetWorkingDays })}
          </Typography.Text>
        </Space>
      </Card>
      {!me.library && <Alert type="info" showIcon title={t('services.noLibrary')} />}
      <Card size="small">
        <Form<Record<string, FormValue>>
          form={form}
          name={`request-${type.code}`}
          layout="vertical"
          onFinish={onFinish}
          initialValues={initialValues}
          scrollToFirstError
          disabled={submit.isPending || submit.isSuccess}
          data-testid="request-form"
        >
          <RequestFormFields
            type={type}
            after={checksHoldings ? { isbn: <FormHoldingsPanel form={form} /> } : undefined}
          />
          {bySubject && me.library && <SubjectItem libraryId={me.library.id} />}
          {type.attachments.allowed && type.attachments.maxFiles > 0 && (
            <AttachmentsItem
              label={t('files.optional')}
              extra={t('files.formHint', { count: type.attachments.maxFiles })}
              maxCount={type.attachments.maxFiles}
              testId="request-files"
            />
          )}
          {problem && (
            <Alert
              type="error"
              showIcon
              title={problem}
              style={{ marginBottom: 16 }}
              data-testid="request-form-error"
            />
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('new.afterSubmit')}
          </Typography.Paragraph>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={submit.isPending}
            disabled={submit.isSuccess || !me.library}
            data-testid="request-submit"
          >
            {submit.isPending ? t('new.sending') : t('new.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  )
}
