import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import { access, disciplines } from '@shuqiao/contracts'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  type FormInstance,
  Input,
  Modal,
  Radio,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../../api/client.ts'
import { mayCall } from '../../app/access.ts'
import { formatDateTime } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { nameRules, noteRule } from '../../app/validation.ts'
import { DisciplineList } from './discipline-list.tsx'
import {
  type FieldName,
  formFieldOf,
  isHttpUrl,
  linesOf,
  type SettingsFormValues,
  settingsFormValuesOf,
  settingsInputOf,
} from './e-resources-logic.ts'
import {
  type AccessPlatform,
  useAccessPlatforms,
  useAccessSettings,
  useSaveAccessSettings,
  useSavePlatform,
} from './queries.ts'
import { StaffTabs } from './staff-tabs.tsx'
import './e-resources.css'

/** Puts the server's field problems on the named top-level fields; false when none had a field. */
const showFieldErrors = (form: FormInstance, error: unknown, fields: readonly string[]) => {
  if (!(error instanceof ApiProblem) || error.errors.length === 0) return false
  const exists = (name: FieldName) => name.length === 1 && fields.includes(String(name[0]))
  const byField = new Map<string, string[]>()
  for (const problem of error.errors) {
    const name = formFieldOf(problem.path, exists)
    if (name) byField.set(String(name[0]), [...(byField.get(String(name[0])) ?? []), problem.message])
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })))
  const first = [...byField.keys()][0]
  if (first) form.scrollToField(first)
  return byField.size > 0
}

const SETTINGS_FIELDS = Object.keys(access.AccessSettings.shape)
const HOST_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/i
const CIDR_PATTERN = /^[0-9a-fA-F:.]+\/\d{1,3}$/

const SettingsForm = ({ editable }: { editable: boolean }) => {
  const { t } = useTranslation(['eResources', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const settings = useAccessSettings()
  const save = useSaveAccessSettings()
  const [form] = Form.useForm<SettingsFormValues>()
  const proxyMode = Form.useWatch('proxyMode', form)

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settingsFormValuesOf(settings.data))
  }, [settings.data, form])

  if (settings.isPending) return <Skeleton active paragraph={{ rows: 10 }} />
  if (settings.isError)
    return <PageError error={settings.error} onRetry={() => void settings.refetch()} backTo="/staff" />

  const hostRule = {
    validator: (_: unknown, value?: string | null) =>
      !value?.trim() || HOST_PATTERN.test(value.trim())
        ? Promise.resolve()
        : Promise.reject(new Error(t('settings.hostFormat'))),
  }
  const sixteen = {
    validator: (_: unknown, value?: string | null) =>
      !value || value.length === 16 ? Promise.resolve() : Promise.reject(new Error(t('settings.sixteen'))),
  }
  const urlRule = {
    validator: (_: unknown, value?: string | null) =>
      !value?.trim() || isHttpUrl(value.trim())
        ? Promise.resolve()
        : Promise.reject(new Error(t('form.urlFormat'))),
  }

  const submit = (values: SettingsFormValues) =>
    save.mutate(settingsInputOf(values), {
      onSuccess: () => void message.success(t('settings.saved')),
      onError: (error) => {
        if (!showFieldErrors(form, error, SETTINGS_FIELDS)) void message.error(errorText(error))
      },
    })

  const section = (title: string) => (
    <Typography.Title level={5} style={{ marginTop: 8 }}>
      {title}
    </Typography.Title>
  )

  return (
    <Form<SettingsFormValues>
      form={form}
      name="access-settings"
      layout="vertical"
      onFinish={submit}
      disabled={!editable || save.isPending}
      style={{ maxWidth: 760 }}
      data-testid="access-settings-form"
    >
      {section(t('settings.campus'))}
      <Form.Item
        name="campusNetworks"
        label={t('settings.campusNetworks')}
        extra={t('settings.campusNetworksHint')}
        rules={[
          {
            validator: (_, value?: string) => {
              const bad = linesOf(value).filter((line) => !CIDR_PATTERN.test(line))
              return bad.length === 0
                ? Promise.resolve()
                : Promise.reject(
                    new Error(t('settings.cidrFormat', { lines: bad.join(t('common:listSeparator')) })),
                  )
            },
          },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 8 }}
          spellCheck={false}
          className="sq-res-input"
          placeholder={'202.120.0.0/16\n10.0.0.0/8'}
          data-testid="settings-campus-networks"
        />
      </Form.Item>

      {section(t('settings.proxy'))}
      <Form.Item
        name="proxyHost"
        label={t('settings.proxyHost')}
        extra={t('settings.proxyHostHint')}
        rules={[hostRule]}
      >
        <Input
          spellCheck={false}
          placeholder="ezproxy.lib.example.edu.cn"
          data-testid="settings-proxy-host"
        />
      </Form.Item>
      <Form.Item name="proxyMode" label={t('settings.proxyMode')}>
        <Radio.Group
          options={(['starting_point', 'hostname'] as const).map((mode) => ({
            value: mode,
            label: t(`settings.proxyModes.${mode}`),
          }))}
          data-testid="settings-proxy-mode"
        />
      </Form.Item>
      {proxyMode === 'hostname' ? (
        <Form.Item
          name="proxyDashes"
          label={t('settings.proxyDashes')}
          extra={t('settings.proxyDashesHint')}
          valuePropName="checked"
        >
          <Switch data-testid="settings-proxy-dashes" />
        </Form.Item>
      ) : (
        <Form.Item name="proxyParameter" label={t('settings.proxyParameter')}>
          <Radio.Group
            options={(['qurl', 'url'] as const).map((parameter) => ({
              value: parameter,
              label: t(`settings.proxyParameters.${parameter}`),
            }))}
            data-testid="settings-proxy-parameter"
          />
        </Form.Item>
      )}

      {section(t('settings.carsi'))}
      <Form.Item
        name="carsiEntityId"
        label={t('settings.carsiEntityId')}
        extra={t('settings.carsiEntityIdHint')}
        rules={[{ max: 300, message: t('common:validation.max', { max: 300 }) }]}
      >
        <Input
          spellCheck={false}
          placeholder="https://idp.example.edu.cn/idp/shibboleth"
          data-testid="settings-carsi"
        />
      </Form.Item>

      {section(t('settings.webvpn'))}
      <Form.Item name="webvpnHost" label={t('settings.webvpnHost')} rules={[hostRule]}>
        <Input spellCheck={false} placeholder="webvpn.example.edu.cn" data-testid="settings-webvpn-host" />
      </Form.Item>
      <div className="sq-res-filters">
        <Form.Item name="webvpnKey" label={t('settings.webvpnKey')} rules={[sixteen]}>
          <Input
            spellCheck={false}
            maxLength={16}
            className="sq-res-input"
            data-testid="settings-webvpn-key"
          />
        </Form.Item>
        <Form.Item name="webvpnIv" label={t('settings.webvpnIv')} rules={[sixteen]}>
          <Input
            spellCheck={false}
            maxLength={16}
            className="sq-res-input"
            data-testid="settings-webvpn-iv"
          />
        </Form.Item>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -12 }}>
        {t('settings.webvpnHint')}
      </Typography.Paragraph>

      {section(t('settings.openAthens'))}
      <Form.Item
        name="openAthensOrg"
        label={t('settings.openAthensOrg')}
        extra={t('settings.openAthensOrgHint')}
      >
        <Input spellCheck={false} data-testid="settings-openathens" />
      </Form.Item>

      {section(t('settings.vpn'))}
      <Form.Item name="vpnGuideUrl" label={t('settings.vpnGuideUrl')} rules={[urlRule]}>
        <Input spellCheck={false} placeholder="https://" data-testid="settings-vpn-guide" />
      </Form.Item>

      {section(t('settings.roaming'))}
      <Form.Item
        name="roamingNoteZh"
        label={t('settings.roamingNoteZh')}
        rules={[{ max: 2000, message: t('common:validation.max', { max: 2000 }) }, noteRule()]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="settings-roaming-zh" />
      </Form.Item>
      <Form.Item
        name="roamingNoteEn"
        label={t('settings.roamingNoteEn')}
        rules={[{ max: 2000, message: t('common:validation.max', { max: 2000 }) }, noteRule()]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="settings-roaming-en" />
      </Form.Item>

      <Space wrap>
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
            {t('common:action.save')}
          </Button>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {settings.data.updatedAt
            ? t('settings.updatedAt', { at: formatDateTime(settings.data.updatedAt) })
            : t('settings.never')}
        </Typography.Text>
      </Space>
    </Form>
  )
}

interface PlatformValues {
  code: string
  name: string
  template: string
  confirmed: boolean
  hosts: string
  soft404Phrases: string
  loginPhrases: string
}

const PLATFORM_FIELDS = [
  'code',
  'name',
  'template',
  'confirmed',
  'hosts',
  'soft404Phrases',
  'loginPhrases',
] as const

const PlatformModal = ({
  open,
  platform,
  onClose,
}: {
  open: boolean
  platform?: AccessPlatform | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['eResources', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<PlatformValues>()
  const save = useSavePlatform()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      platform
        ? {
            ...platform,
            hosts: platform.hosts.join('\n'),
            soft404Phrases: platform.soft404Phrases.join('\n'),
            loginPhrases: platform.loginPhrases.join('\n'),
          }
        : {
            code: '',
            name: '',
            template: '',
            confirmed: false,
            hosts: '',
            soft404Phrases: '',
            loginPhrases: '',
          },
    )
  }, [open, platform, form])

  const submit = (values: PlatformValues) =>
    save.mutate(
      {
        code: platform?.code ?? values.code.trim(),
        body: {
          name: values.name.trim(),
          template: values.template.trim(),
          confirmed: values.confirmed,
          hosts: linesOf(values.hosts),
          soft404Phrases: linesOf(values.soft404Phrases),
          loginPhrases: linesOf(values.loginPhrases),
        },
      },
      {
        onSuccess: (saved) => {
          void message.success(t('platforms.saved', { name: saved.name }))
          onClose()
        },
        onError: (error) => {
          if (!showFieldErrors(form, error, PLATFORM_FIELDS)) void message.error(errorText(error))
        },
      },
    )

  return (
    <Modal
      open={open}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      title={platform ? t('platforms.editTitle', { name: platform.name }) : t('platforms.addTitle')}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'platform-form-submit' } as Record<string, string>}
    >
      <Form<PlatformValues> form={form} layout="vertical" onFinish={submit} name="access-platform">
        {!platform && (
          <Form.Item
            name="code"
            label={t('platforms.code')}
            extra={t('platforms.codeHint')}
            rules={[
              { required: true, message: t('common:validation.required') },
              { pattern: /^[a-z0-9_]{1,40}$/, message: t('platforms.codeHint') },
            ]}
          >
            <Input spellCheck={false} data-testid="platform-form-code" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('platforms.name')} rules={nameRules(100)}>
          <Input data-testid="platform-form-name" />
        </Form.Item>
        <Form.Item
          name="template"
          label={t('platforms.template')}
          extra={t('platforms.templateHint')}
          rules={[
            { required: true, message: t('common:validation.required') },
            { min: 10, max: 1000, message: t('common:validation.between', { min: 10, max: 1000 }) },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            spellCheck={false}
            className="sq-res-input"
            data-testid="platform-form-template"
          />
        </Form.Item>
        <Form.Item name="confirmed" label={t('platforms.confirmedLabel')} valuePropName="checked">
          <Switch data-testid="platform-form-confirmed" />
        </Form.Item>
        <Form.Item name="hosts" label={t('platforms.hosts')} extra={t('platforms.hostsHint')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            spellCheck={false}
            className="sq-res-input"
            data-testid="platform-form-hosts"
          />
        </Form.Item>
        <Form.Item
          name="soft404Phrases"
          label={t('platforms.soft404Phrases')}
          extra={t('platforms.soft404PhrasesHint')}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('platforms.soft404PhrasesPlaceholder')}
            data-testid="platform-form-soft404"
          />
        </Form.Item>
        <Form.Item
          name="loginPhrases"
          label={t('platforms.loginPhrases')}
          extra={t('platforms.loginPhrasesHint')}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('platforms.loginPhrasesPlaceholder')}
            data-testid="platform-form-login"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

const PlatformsTable = ({ editable }: { editable: boolean }) => {
  const { t } = useTranslation(['eResources', 'common'])
  const platforms = useAccessPlatforms()
  const [editing, setEditing] = useState<{ open: boolean; platform?: AccessPlatform | undefined }>({
    open: false,
  })
  if (platforms.isError) {
    return <PageError error={platforms.error} onRetry={() => void platforms.refetch()} backTo="/staff" />
  }
  return (
    <>
      <Table<AccessPlatform>
        rowKey="code"
        size="small"
        loading={platforms.isPending}
        dataSource={platforms.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1160 }}
        data-testid="platforms-table"
        columns={[
          {
            title: t('platforms.column.name'),
            key: 'name',
            width: 220,
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{row.name}</Typography.Text>
                <Typography.Text type="secondary" className="sq-res-template">
                  {row.code}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('platforms.column.template'),
            dataIndex: 'template',
            render: (template: string) => <span className="sq-res-template">{template}</span>,
          },
          {
            title: t('platforms.column.confirmed'),
            key: 'confirmed',
            width: 120,
            render: (_, row) => (
              <Space size={4} wrap>
                {row.confirmed ? (
                  <Tag color="success">{t('platforms.confirmed')}</Tag>
                ) : (
                  <Tag color="warning">{t('platforms.unconfirmed')}</Tag>
                )}
                {row.custom && <Tag color="blue">{t('platforms.custom')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('platforms.column.hosts'),
            dataIndex: 'hosts',
            width: 200,
            render: (hosts: string[]) => <span className="sq-res-template">{hosts.join(', ')}</span>,
          },
          {
            title: t('platforms.column.phrases'),
            key: 'phrases',
            width: 200,
            render: (_, row) =>
              row.soft404Phrases.length + row.loginPhrases.length === 0 ? (
                <Typography.Text type="secondary">{t('platforms.noPhrases')}</Typography.Text>
              ) : (
                <Space size={4} wrap>
                  {row.soft404Phrases.map((phrase) => (
                    <Tag key={`404-${phrase}`} color="orange">
                      {phrase}
                    </Tag>
                  ))}
                  {row.loginPhrases.map((phrase) => (
                    <Tag key={`login-${phrase}`}>{phrase}</Tag>
                  ))}
                </Space>
              ),
          },
          ...(editable
            ? [
                {
                  title: t('common:table.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, row: AccessPlatform) => (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing({ open: true, platform: row })}
                      data-testid="platform-edit"
                    >
                      {t('common:action.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <Button
          icon={<PlusOutlined />}
          style={{ marginTop: 12 }}
          onClick={() => setEditing({ open: true })}
          data-testid="platform-add"
        >
          {t('platforms.add')}
        </Button>
      )}
      <PlatformModal
        open={editing.open}
        platform={editing.platform}
        onClose={() => setEditing({ open: false })}
      />
    </>
  )
}

/** 校外访问设置: how the library's readers get in from home, and the vendors' login templates. */
export const AccessSettingsPage = () => {
  const { t } = useTranslation(['eResources', 'common'])
  usePageTitle(t('settings.title'))
  const me = useSignedIn()
  const editable = mayCall(me, access.putAccessSettings)
  return (
    <div data-testid="access-settings-page">
      <PageHead title={t('staff.title')} intro={t('settings.intro')} />
      <StaffTabs current="/staff/resources/settings" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {!editable && (
          <Alert type="info" showIcon title={t('settings.readOnly')} data-testid="settings-read-only" />
        )}
        <Card size="small" title={t('settings.title')}>
          <SettingsForm editable={editable} />
        </Card>
        <Card size="small" title={t('platforms.title')}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('platforms.intro')}
          </Typography.Paragraph>
          <PlatformsTable editable={editable} />
        </Card>
        <Card size="small" title={t('disciplines.title')} data-testid="discipline-card">
          <DisciplineList editable={mayCall(me, disciplines.putDisciplines)} />
        </Card>
      </Space>
    </div>
  )
}
