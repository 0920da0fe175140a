import type { RequestType } from '@shuqiao/contracts'
import { Alert, App as AntApp, Button, Card, Form, Input, Space, Typography } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { noteRule } from '../../app/validation.ts'
import { RequestProblem } from './api.ts'
import { ATTACHMENTS, AttachmentsItem, fileIdsOf } from './attachments.tsx'
import { applyFormProblems, type FormValue, formBody, formValuesOf } from './form-values.ts'
import { type RequestDetail, useTransitionRequest } from './queries.ts'
import { RequestFormFields } from './request-form-fields.tsx'
import { statusLabelOf, transitionOf, useText } from './request-types.ts'
import { NOTE_MAX } from './transition-modal.tsx'

const NOTE = '_note'

/**
 * 修改并重新提交: the request's form, filled in as it stands, for the reader to correct and send
 * back with a note and files. The server checks it as on submit and records what changed.
 */
export const CorrectForm = ({
  request,
  type,
  action,
  onDone,
}: {
  request: RequestDetail
  type: RequestType
  action: string
  onDone: () => void
}) => {
  const { t } = useTranslation(['requests', 'common'])
  const text = useText()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<Record<string, FormValue>>()
  const transition = useTransitionRequest(request.id)
  const sending = useRef(false)
  const [problem, setProblem] = useState<string>()
  const label = text(transitionOf(type, action, 'reader')?.label) || action
  // What the librarian asked for: the note of the step that returned the request.
  const reason = [...request.events]
    .reverse()
    .find((event) => event.kind === 'transition' && event.toStatus === request.status)?.note

  const onFinish = (values: Record<string, FormValue>) => {
    if (sending.current) return
    sending.current = true
    setProblem(undefined)
    const note = typeof values[NOTE] === 'string' ? values[NOTE].trim() : ''
    transition.mutate(
      {
        action,
        note: note || undefined,
        fileIds: fileIdsOf(values[ATTACHMENTS]),
        form: formBody(type, values),
      },
      {
        onSuccess: (detail) => {
          sending.current = false
          void message.success(
            t('action.done', { action: label, status: text(statusLabelOf(type, detail.status)) }),
          )
          onDone()
        },
        onError: (error) => {
          sending.current = false
          if (error instanceof RequestProblem && error.code === 'illegal_transition') {
            void message.warning(error.detail)
            onDone()
            return
          }
          const { placed, rest } = applyFormProblems(form, error, [
            ...type.fields.map((field) => field.name),
            ATTACHMENTS,
          ])
          if (!placed || rest.length > 0) setProblem([errorText(error), ...rest].join(' '))
        },
      },
    )
  }

  return (
    <Card size="small" title={t('correct.title')} data-testid="request-correct">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('correct.intro')}</Typography.Text>
        {reason && (
          <Alert
            type="warning"
            showIcon
            title={t('correct.librarianSaid')}
            description={<span className="sq-req-value">{reason}</span>}
            data-testid="request-correct-reason"
          />
        )}
        <Form<Record<string, FormValue>>
          form={form}
          name={`correct-${type.code}`}
          layout="vertical"
          onFinish={onFinish}
          initialValues={formValuesOf(type, request.form)}
          scrollToFirstError
          disabled={transition.isPending}
          data-testid="request-correct-form"
        >
          <RequestFormFields type={type} />
          <Form.Item name={NOTE} label={t('correct.note')} rules={[noteRule()]}>
            <Input.TextArea
              maxLength={NOTE_MAX}
              autoSize={{ minRows: 2, maxRows: 8 }}
              aria-label={t('correct.note')}
              data-testid="request-correct-note"
            />
          </Form.Item>
          {type.attachments.allowed && type.attachments.maxFiles > 0 && (
            <AttachmentsItem
              label={t('files.optional')}
              extra={t('files.formHint', { count: type.attachments.maxFiles })}
              maxCount={type.attachments.maxFiles}
              testId="request-correct-files"
            />
          )}
          {problem && (
            <Alert
              type="error"
              showIcon
              title={problem}
              style={{ marginBottom: 16 }}
              data-testid="request-correct-error"
            />
          )}
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={transition.isPending}
              data-testid="request-correct-submit"
            >
              {t('correct.submit')}
            </Button>
            <Button
              block
              onClick={onDone}
              disabled={transition.isPending}
              data-testid="request-correct-cancel"
            >
              {t('common:action.cancel')}
            </Button>
          </Space>
        </Form>
      </Space>
    </Card>
  )
}
