import {
  parseReplyTemplate,
  renderReplyTemplate,
  replyTemplates,
  SAMPLE_REPLY_VALUES,
} from '@shuqiao/contracts'
import {
  App as AntApp,
  Form,
  type FormRule,
  type GetRef,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { nameRules, noteRule } from '../../app/validation.ts'
import { useLibraries } from '../session/queries.ts'
import { type ReplyTemplate, useCreateReplyTemplate, useUpdateReplyTemplate } from './queries.ts'
import { PlaceholderChips, staffSteps } from './reply-template-parts.tsx'
import { REQUEST_TYPES, useText } from './request-types.ts'

type TextAreaRef = GetRef<typeof Input.TextArea>

interface TemplateValues {
  libraryId?: string
  personal: boolean
  type?: string | null
  action?: string | null
  titleZh: string
  titleEn?: string
  bodyZh: string
  bodyEn?: string
}

const { REPLY_BODY_MAX, REPLY_TITLE_MAX } = replyTemplates

/**
 * Writes or edits a reply template. Placeholders are checked as the server checks them, can be
 * clicked in at the cursor, and the text is previewed with sample values.
 */
export const TemplateModal = ({
  open,
  template,
  libraryId,
  chooseLibrary,
  onClose,
}: {
  open: boolean
  template?: ReplyTemplate | undefined
  /** The library a new template goes to, when the caller does not choose (library staff). */
  libraryId?: string | undefined
  /** The consortium admin picks the library of a new template. */
  chooseLibrary: boolean
  onClose: () => void
}) => {
  const { t } = useTranslation(['templates', 'common'])
  const text = useText()
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const libraries = useLibraries()
  const [form] = Form.useForm<TemplateValues>()
  const create = useCreateReplyTemplate()
  const update = useUpdateReplyTemplate()
  const saving = create.isPending || update.isPending
  const type = Form.useWatch('type', form)
  const bodyZh = Form.useWatch('bodyZh', form) ?? ''
  const bodyEn = Form.useWatch('bodyEn', form) ?? ''
  const zhRef = useRef<TextAreaRef>(null)
  const enRef = useRef<TextAreaRef>(null)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      template
        ? {
            personal: template.personal,
            type: template.type,
            action: template.action,
            titleZh: template.titleZh,
            titleEn: template.titleEn ?? '',
            bodyZh: template.bodyZh,
            bodyEn: template.bodyEn ?? '',
          }
        : { personal: false, type: null, action: null, libraryId },
    )
  }, [open, template, libraryId, form])

  /** Puts a placeholder where the cursor is in one of the two texts, and keeps typing there. */
  const insert = (field: 'bodyZh' | 'bodyEn', token: string) => {
    const element = (field === 'bodyZh' ? zhRef : enRef).current?.resizableTextArea?.textArea
    const current: string = form.getFieldValue(field) ?? ''
    const start = element?.selectionStart ?? current.length
    const end = element?.selectionEnd ?? current.length
    const next = current.slice(0, start) + token + current.slice(end)
    form.setFieldValue(field, next)
    void form.validateFields([field])
    requestAnimationFrame(() => {
      element?.focus()
      element?.setSelectionRange(start + token.length, start + token.length)
    })
  }

  const placeholderRule: FormRule = {
    validator: (_, value: string | undefined) => {
      if (!value) return Promise.resolve()
      const parsed = parseReplyTemplate(value)
      if (parsed.unknown.length > 0)
        return Promise.reject(new Error(t('form.unknownPlaceholder', { names: parsed.unknown.join(' ') })))
      if (parsed.fullWidth.length > 0)
        return Promise.reject(new Error(t('form.fullWidth', { names: parsed.fullWidth.join(' ') })))
      return Promise.resolve()
    },
  }
  const bodyRules = (required: boolean): FormRule[] => [
    { required, whitespace: true, message: t('common:validation.required') },
    { max: REPLY_BODY_MAX, message: t('common:validation.max', { max: REPLY_BODY_MAX }) },
    noteRule(),
    placeholderRule,
  ]

  const submit = (values: TemplateValues) => {
    const fields = {
      personal: values.personal,
      type: (values.type ?? null) as ReplyTemplate['type'],
      action: values.action ?? null,
      titleZh: values.titleZh.trim(),
      titleEn: values.titleEn?.trim() || null,
      bodyZh: values.bodyZh.trim(),
      bodyEn: values.bodyEn?.trim() || null,
    }
    const done = {
      onSuccess: (saved: ReplyTemplate) => {
        void message.success(t('saved', { title: saved.titleZh }))
        onClose()
      },
      onError: (error: unknown) => {
        if (!applyFieldErrors(form, error)) void message.error(errorText(error))
      },
    }
    if (template) update.mutate({ templateId: template.id, body: fields }, done)
    else create.mutate({ ...fields, ...(chooseLibrary ? { libraryId: values.libraryId } : {}) }, done)
  }

  const preview = (body: string, language: 'zh' | 'en') =>
    body.trim() && parseReplyTemplate(body).unknown.length === 0 ? (
      <div className="sq-tpl-preview" data-testid={`template-preview-${language}`}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.preview')}
        </Typography.Text>
        <p className="sq-req-note">{renderReplyTemplate(body, SAMPLE_REPLY_VALUES[language])}</p>
      </div>
    ) : null

  return (
    <Modal
      open={open}
      title={template ? t('form.editTitle') : t('form.createTitle')}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'template-form-submit' }}
      width={720}
      destroyOnHidden
    >
      <Form<TemplateValues>
        form={form}
        name="reply-template"
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        data-testid="template-form"
      >
        {chooseLibrary && !template && (
          <Form.Item
            name="libraryId"
            label={t('form.library')}
            rules={[{ required: true, message: t('common:validation.required') }]}
          >
            <Select
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              data-testid="template-form-library"
            />
          </Form.Item>
        )}
        <Form.Item name="personal" label={t('form.scope')} extra={t('form.scopeHint')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: false, label: t('shared') },
              { value: true, label: t('personal') },
            ]}
            data-testid="template-form-scope"
          />
        </Form.Item>
        <Space wrap size={16} align="start" style={{ width: '100%' }}>
          <Form.Item name="type" label={t('form.type')} extra={t('form.typeHint')} style={{ minWidth: 220 }}>
            <Select
              allowClear
              placeholder={t('anyType')}
              onChange={() => form.setFieldValue('action', null)}
              options={REQUEST_TYPES.map((option) => ({ value: option.code, label: text(option.name) }))}
              data-testid="template-form-type"
            />
          </Form.Item>
          <Form.Item
            name="action"
            label={t('form.action')}
            extra={type ? t('form.actionHint') : t('form.actionPickType')}
            style={{ minWidth: 220, maxWidth: 320 }}
          >
            <Select
              allowClear
              disabled={!type}
              placeholder={t('anyAction')}
              options={staffSteps(type).map((step) => ({ value: step.action, label: text(step.label) }))}
              data-testid="template-form-action"
            />
          </Form.Item>
        </Space>
        <Form.Item name="titleZh" label={t('form.titleZh')} rules={nameRules(REPLY_TITLE_MAX)}>
          <Input maxLength={REPLY_TITLE_MAX} data-testid="template-form-title-zh" />
        </Form.Item>
        <Form.Item
          name="bodyZh"
          label={t('form.bodyZh')}
          rules={bodyRules(true)}
          extra={
            <>
              <div className="sq-tpl-hint">{t('form.placeholdersHint')}</div>
              <PlaceholderChips language="zh" onPick={(token) => insert('bodyZh', token)} />
            </>
          }
        >
          <Input.TextArea
            ref={zhRef}
            maxLength={REPLY_BODY_MAX}
            showCount
            autoSize={{ minRows: 3, maxRows: 10 }}
            data-testid="template-form-body-zh"
          />
        </Form.Item>
        {preview(bodyZh, 'zh')}
        <Form.Item
          name="titleEn"
          label={t('form.titleEn')}
          rules={[
            { max: REPLY_TITLE_MAX, message: t('common:validation.max', { max: REPLY_TITLE_MAX }) },
            {
              validator: (_, value: string | undefined) =>
                value && /[<>\p{Cc}]/u.test(value)
                  ? Promise.reject(new Error(t('common:validation.unsafe')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input maxLength={REPLY_TITLE_MAX} data-testid="template-form-title-en" />
        </Form.Item>
        <Form.Item
          name="bodyEn"
          label={t('form.bodyEn')}
          rules={bodyRules(false)}
          extra={
            <>
              <div className="sq-tpl-hint">{t('form.bodyEnHint')}</div>
              <PlaceholderChips language="en" onPick={(token) => insert('bodyEn', token)} />
            </>
          }
        >
          <Input.TextArea
            ref={enRef}
            maxLength={REPLY_BODY_MAX}
            showCount
            autoSize={{ minRows: 3, maxRows: 10 }}
            data-testid="template-form-body-en"
          />
        </Form.Item>
        {preview(bodyEn, 'en')}
      </Form>
    </Modal>
  )
}
