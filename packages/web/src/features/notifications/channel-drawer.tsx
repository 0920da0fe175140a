import { notifications } from '@shuqiao/contracts'
import { App as AntApp, Checkbox, Drawer, Form, Grid, Input, Radio, Select, Space, Switch, Tag } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { DrawerFooter } from '../../app/drawer-footer.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { nameRules } from '../../app/validation.ts'
import { useCreateChannel, useNoticeEvents, useUpdateChannel } from './queries.ts'

type Channel = notifications.NoticeChannel

interface ChannelValues {
  name: string
  kind: notifications.NoticeChannelKind
  url?: string
  secret?: string
  removeSecret?: boolean
  events: string[]
  enabled: boolean
}

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

const URL_HINT = {
  wecom: 'field.urlHintWecom',
  dingtalk: 'field.urlHintDingtalk',
  webhook: 'field.urlHintWebhook',
} as const

/** Adds or edits a robot or webhook. Addresses and secrets are write-only: blank keeps what is saved. */
export const ChannelDrawer = ({
  open,
  libraryId,
  channel,
  onClose,
}: {
  open: boolean
  libraryId: string
  channel?: Channel | undefined
  onClose: () => void
}) => {
  const { t, i18n } = useTranslation(['notifications', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const screens = Grid.useBreakpoint()
  const [form] = Form.useForm<ChannelValues>()
  const events = useNoticeEvents()
  const create = useCreateChannel()
  const update = useUpdateChannel()
  const saving = create.isPending || update.isPending
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'wecom'
  const removeSecret = Form.useWatch('removeSecret', form)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      channel
        ? {
            name: channel.name,
            kind: channel.kind,
            url: '',
            secret: '',
            events: channel.events,
            enabled: channel.enabled,
          }
        : { kind: 'wecom', events: [], enabled: true },
    )
  }, [open, channel, form])

  const submit = (values: ChannelValues) => {
    const url = values.url?.trim()
    const secret = values.secret?.trim()
    const done = {
      onSuccess: (saved: Channel) => {
        void message.success(t('channels.saved', { name: saved.name }))
        onClose()
      },
      onError: (error: unknown) => {
        if (!applyFieldErrors(form, error)) void message.error(errorText(error))
      },
    }
    if (channel) {
      update.mutate(
        {
          libraryId,
          channelId: channel.id,
          body: {
            name: values.name.trim(),
            events: values.events,
            enabled: values.enabled,
            ...(url ? { url } : {}),
            ...(values.removeSecret ? { secret: null } : secret ? { secret } : {}),
          },
        },
        done,
      )
    } else {
      create.mutate(
        {
          libraryId,
          body: {
            name: values.name.trim(),
            kind: values.kind,
            url: url ?? '',
            events: values.events,
            enabled: values.enabled,
            ...(secret && values.kind !== 'wecom' ? { secret } : {}),
          },
        },
        done,
      )
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.sm === false ? '100%' : 560}
      destroyOnHidden
      title={channel ? t('channels.editTitle', { name: channel.name }) : t('channels.createTitle')}
      data-testid="notice-channel-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          saving={saving}
          testId="notice-form-submit"
        />
      }
    >
      <Form<ChannelValues>
        form={form}
        name="notice-channel"
        layout="vertical"
        onFinish={submit}
        disabled={saving}
      >
        <Form.Item name="name" label={t('field.name')} extra={t('field.nameHint')} rules={nameRules(60)}>
          <Input data-testid="notice-form-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('field.kind')}>
          <Radio.Group
            disabled={!!channel}
            data-testid="notice-form-kind"
            optionType="button"
            options={notifications.NOTICE_CHANNEL_KINDS.map((value) => ({
              value,
              label: t(`kind.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('field.url')}
          extra={
            <>
              {channel && <div>{t('field.urlKeep')}</div>}
              <div>{t(URL_HINT[kind])}</div>
            </>
          }
          rules={[
            { required: !channel, whitespace: true, message: t('common:validation.required') },
            { max: 500, message: t('common:validation.max', { max: 500 }) },
            {
              validator: (_, value?: string) =>
                !value?.trim() || isHttpUrl(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('field.urlFormat'))),
            },
          ]}
        >
          <Input
            placeholder={channel?.url ?? 'https://'}
            spellCheck={false}
            autoComplete="off"
            data-testid="notice-form-url"
          />
        </Form.Item>
        {kind !== 'wecom' && (
          <Form.Item
            name="secret"
            label={
              <Space>
                {t('field.secret')}
                {channel?.hasSecret && <Tag color="success">{t('channels.secretSet')}</Tag>}
              </Space>
            }
            extra={
              <>
                {channel?.hasSecret && <div>{t('field.secretKeep')}</div>}
                <div>{kind === 'webhook' ? t('field.secretHintWebhook') : t('field.secretHintDingtalk')}</div>
              </>
            }
            rules={[
              {
                required: kind === 'webhook' && !channel?.hasSecret,
                whitespace: true,
                message: t('common:validation.required'),
              },
              { max: 200, message: t('common:validation.max', { max: 200 }) },
            ]}
          >
            <Input.Password
              autoComplete="new-password"
              disabled={!!removeSecret}
              data-testid="notice-form-secret"
            />
          </Form.Item>
        )}
        {channel?.hasSecret && kind === 'dingtalk' && (
          <Form.Item name="removeSecret" valuePropName="checked" style={{ marginTop: -8 }}>
            <Checkbox data-testid="notice-form-remove-secret">{t('field.removeSecret')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name="events"
          label={t('field.events')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common:validation.required') }]}
        >
          <Select
            mode="multiple"
            loading={events.isPending}
            data-testid="notice-form-events"
            options={(events.data?.items ?? []).map((item) => ({
              value: item.event,
              label: i18n.language === 'en' ? item.label.en : item.label.zh,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="enabled"
          label={t('field.enabled')}
          extra={t('field.enabledHint')}
          valuePropName="checked"
        >
          <Switch data-testid="notice-form-enabled" />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
