import { SendOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Form, Input, Space, Switch, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { noteRule } from '../../app/validation.ts'
import { ATTACHMENTS, AttachmentsItem, fileIdsOf } from './attachments.tsx'
import { useCommentOnRequest } from './queries.ts'
import { TemplatePicker, withTemplate } from './template-picker.tsx'
import { NOTE_MAX } from './transition-modal.tsx'

interface CommentValues {
  body: string
  internal: boolean
  [ATTACHMENTS]?: unknown
}

/**
 * Adds a comment to a request's timeline, with files when the type takes attachments; staff may
 * keep it to colleagues (an internal note).
 */
export const CommentBox = ({
  requestId,
  staff,
  maxFiles = 0,
}: {
  requestId: string
  staff: boolean
  maxFiles?: number
}) => {
  const { t } = useTranslation(['requests', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<CommentValues>()
  const comment = useCommentOnRequest(requestId)
  const internal = Form.useWatch('internal', form) ?? false
  // The upload keeps its own list; a new key empties it after sending.
  const [round, setRound] = useState(0)

  const submit = (values: CommentValues) =>
    comment.mutate(
      {
        body: values.body.trim(),
        internal: staff ? values.internal : false,
        fileIds: fileIdsOf(values[ATTACHMENTS]),
      },
      {
        onSuccess: () => {
          form.resetFields(['body', ATTACHMENTS])
          setRound((current) => current + 1)
          void message.success(values.internal ? t('comment.savedInternal') : t('comment.sent'))
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, { fileIds: ATTACHMENTS })) void message.error(errorText(error))
        },
      },
    )

  return (
    <Form<CommentValues>
      form={form}
      name="comment"
      layout="vertical"
      initialValues={{ body: '', internal: false }}
      requiredMark={false}
      onFinish={submit}
    >
      <Form.Item label={staff ? t('comment.label') : t('comment.readerLabel')}>
        {staff && (
          <div className="sq-tpl-picker">
            <TemplatePicker
              requestId={requestId}
              testId="comment-template-picker"
              onInsert={(text) => {
                form.setFieldValue('body', withTemplate(form.getFieldValue('body'), text, NOTE_MAX))
                void form.validateFields(['body'])
              }}
            />
          </div>
        )}
        <Form.Item
          name="body"
          noStyle
          rules={[{ required: true, whitespace: true, message: t('comment.empty') }, noteRule()]}
        >
          <Input.TextArea
            maxLength={NOTE_MAX}
            autoSize={{ minRows: 2, maxRows: 8 }}
            aria-label={staff ? t('comment.label') : t('comment.readerLabel')}
            placeholder={
              staff
                ? internal
                  ? t('comment.internalPlaceholder')
                  : t('comment.placeholder')
                : t('comment.readerPlaceholder')
            }
            data-testid="request-comment-input"
          />
        </Form.Item>
      </Form.Item>
      {maxFiles > 0 && (
        <AttachmentsItem
          key={round}
          label={t('files.optional')}
          maxCount={maxFiles}
          testId="request-comment-files"
        />
      )}
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        {staff ? (
          <Space size={8}>
            <Form.Item name="internal" valuePropName="checked" noStyle>
              <Switch data-testid="request-comment-internal" aria-label={t('comment.internal')} />
            </Form.Item>
            <Typography.Text type={internal ? 'warning' : 'secondary'}>
              {internal ? t('comment.internalOn') : t('comment.internal')}
            </Typography.Text>
          </Space>
        ) : (
          <span />
        )}
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={comment.isPending}
          data-testid="request-comment-submit"
        >
          {staff && internal ? t('comment.submitInternal') : t('comment.submit')}
        </Button>
      </Space>
    </Form>
  )
}
