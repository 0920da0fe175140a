import type { RequestType } from '@shuqiao/contracts'
import { Alert, App as AntApp, Form, Input, Modal, Space, Tag, Typography } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { noteRule } from '../../app/validation.ts'
import { RequestProblem } from './api.ts'
import { ATTACHMENTS, AttachmentsItem, fileIdsOf } from './attachments.tsx'
import { type RequestDetail, useTransitionRequest } from './queries.ts'
import { statusColour, statusLabelOf, transitionOf, useText } from './request-types.ts'
import { TemplatePicker, withTemplate } from './template-picker.tsx'

interface TransitionValues {
  note?: string
  internalNote?: string
  [ATTACHMENTS]?: unknown
}

export const NOTE_MAX = 4000

/**
 * Confirms one step of a request (accept, cancel, …) and asks for the note: required and shown
 * to the reader when the step needs a reason, optional otherwise; staff may add an internal note.
 */
export const TransitionModal = ({
  request,
  type,
  action,
  viewpoint,
  onClose,
}: {
  request: RequestDetail
  type: RequestType | undefined
  action: string | undefined
  viewpoint: 'reader' | 'staff'
  onClose: () => void
}) => {
  const { t } = useTranslation(['requests', 'common'])
  const text = useText()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<TransitionValues>()
  const transition = useTransitionRequest(request.id)
  const allowed = request.allowedActions.find((candidate) => candidate.action === action)
  const definition = action ? transitionOf(type, action, viewpoint) : undefined
  const label = definition ? text(definition.label) : (action ?? '')
  const needsReason = allowed?.needsReason ?? false
  const needsFile = allowed?.needsFile ?? false
  const attachments = type?.attachments.allowed ?? false
  const maxFiles = Math.max(type?.attachments.maxFiles ?? 0, needsFile ? 1 : 0)
  const to = allowed?.to ?? definition?.to

  useEffect(() => {
    if (action) form.resetFields()
  }, [action, form])

  const submit = (values: TransitionValues) => {
    if (!action) return
    transition.mutate(
      {
        action,
        note: values.note?.trim() || undefined,
        internalNote: viewpoint === 'staff' ? values.internalNote?.trim() || undefined : undefined,
        fileIds: fileIdsOf(values[ATTACHMENTS]),
      },
      {
        onSuccess: (detail) => {
          void message.success(
            t('action.done', { action: label, status: text(statusLabelOf(type, detail.status)) }),
          )
          onClose()
        },
        onError: (error) => {
          if (error instanceof RequestProblem && error.code === 'illegal_transition') {
            const now = error.allowed
              .map(
                (candidate) =>
                  text(transitionOf(type, candidate.action, viewpoint)?.label) || candidate.action,
              )
              .join(t('common:listSeparator'))
            void message.warning(
              now ? `${error.detail} ${t('action.allowedNow', { actions: now })}` : error.detail,
            )
            onClose()
            return
          }
          if (!applyFieldErrors(form, error, { fileIds: ATTACHMENTS })) void message.error(errorText(error))
        },
      },
    )
  }

  const noteLabel =
    viewpoint === 'staff'
      ? needsReason
        ? t('action.reason')
        : t('action.noteForReader')
      : t('action.noteForStaff')
  const final = to ? type?.statuses[to]?.final === true : false
  const danger = to ? ['error', 'default'].includes(statusColour(type, to)) && final : false

  return (
    <Modal
      open={!!action}
      title={viewpoint === 'reader' ? t('action.confirmTitle', { action: label }) : label}
      okText={label}
      okButtonProps={{ danger, 'data-testid': 'transition-submit' }}
      cancelText={t('common:action.cancel')}
      confirmLoading={transition.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="transition-modal">
        {to && (
          <Typography.Text>
            {t('action.willBecome')} <Tag color={statusColour(type, to)}>{text(statusLabelOf(type, to))}</Tag>
          </Typography.Text>
        )}
        {viewpoint === 'reader' && final && <Alert type="warning" showIcon title={t('action.finalHint')} />}
        <Form<TransitionValues> form={form} layout="vertical" name="transition" onFinish={submit}>
          <Form.Item
            label={noteLabel}
            required={needsReason}
            extra={viewpoint === 'staff' ? t('action.noteForReaderHint') : undefined}
          >
            {viewpoint === 'staff' && (
              <div className="sq-tpl-picker">
                <TemplatePicker
                  requestId={request.id}
                  action={action}
                  onInsert={(text) => {
                    form.setFieldValue('note', withTemplate(form.getFieldValue('note'), text, NOTE_MAX))
                    void form.validateFields(['note'])
                  }}
                />
              </div>
            )}
            <Form.Item
              name="note"
              noStyle
              rules={[
                { required: needsReason, whitespace: true, message: t('action.reasonRequired') },
                noteRule(),
              ]}
            >
              <Input.TextArea
                maxLength={NOTE_MAX}
                autoSize={{ minRows: 2, maxRows: 8 }}
                aria-label={noteLabel}
                data-testid="transition-note"
              />
            </Form.Item>
          </Form.Item>
          {(needsFile || attachments) && (
            <AttachmentsItem
              label={needsFile ? t('files.result') : t('files.optional')}
              extra={needsFile ? t('files.resultHint') : undefined}
              required={needsFile}
              maxCount={maxFiles}
              testId="transition-files"
            />
          )}
          {viewpoint === 'staff' && (
            <Form.Item
              name="internalNote"
              label={t('action.internalNote')}
              extra={t('action.internalNoteHint')}
              rules={[noteRule()]}
            >
              <Input.TextArea
                maxLength={NOTE_MAX}
                autoSize={{ minRows: 2, maxRows: 8 }}
                data-testid="transition-internal-note"
              />
            </Form.Item>
          )}
        </Form>
      </Space>
    </Modal>
  )
}
