import { PlusOutlined } from '@ant-design/icons'
import type { ResponseOf, ssoAdmin } from '@shuqiao/contracts'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Drawer,
  Form,
  Grid,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { isConsortiumAdmin } from '../../app/access.ts'
import { DrawerFooter } from '../../app/drawer-footer.tsx'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { nameRules } from '../../app/validation.ts'
import { useLibraries } from '../session/queries.ts'
import { useCreateOidcProvider, useOidcProviders, useUpdateOidcProvider } from './queries.ts'

type Provider = ResponseOf<typeof ssoAdmin.listOidcProviders>['items'][number]

interface ProviderValues {
  label: string
  issuer: string
  clientId: string
  clientSecret?: string
  readerNumberClaim: string
  nameClaim: string
  createAccounts: boolean
  enabled: boolean
}

const CLAIM = /^[A-Za-z0-9_:.-]+$/

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

const ProviderDrawer = ({
  open,
  libraryId,
  provider,
  onClose,
}: {
  open: boolean
  libraryId: string
  provider?: Provider | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['sso', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const screens = Grid.useBreakpoint()
  const [form] = Form.useForm<ProviderValues>()
  const create = useCreateOidcProvider()
  const update = useUpdateOidcProvider()
  const saving = create.isPending || update.isPending

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      provider
        ? { ...provider, clientSecret: '' }
        : { readerNumberClaim: 'sub', nameClaim: 'name', createAccounts: true, enabled: true },
    )
  }, [open, provider, form])

  const claimRules = [
    { required: true, whitespace: true, message: t('common:validation.required') },
    { max: 60, message: t('common:validation.max', { max: 60 }) },
    { pattern: CLAIM, message: t('field.claimFormat') },
  ]

  const submit = (values: ProviderValues) => {
    const secret = values.clientSecret ? { clientSecret: values.clientSecret } : {}
    const body = {
      label: values.label.trim(),
      issuer: values.issuer.trim(),
      clientId: values.clientId.trim(),
      readerNumberClaim: values.readerNumberClaim.trim(),
      nameClaim: values.nameClaim.trim(),
      createAccounts: values.createAccounts,
      enabled: values.enabled,
      ...secret,
    }
    const done = {
      onSuccess: (saved: Provider) => {
        void message.success(t('saved', { label: saved.label }))
        onClose()
      },
      onError: (error: unknown) => {
        if (!applyFieldErrors(form, error)) void message.error(errorText(error))
      },
    }
    if (provider) update.mutate({ libraryId, providerId: provider.id, body }, done)
    else create.mutate({ libraryId, body: { ...body, clientSecret: values.clientSecret ?? '' } }, done)
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.sm === false ? '100%' : 560}
      destroyOnHidden
      title={provider ? t('editTitle', { label: provider.label }) : t('createTitle')}
      data-testid="sso-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          saving={saving}
          testId="sso-form-submit"
        />
      }
    >
      {provider && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('callbackUrl')}
          description={
            <Typography.Text copyable data-testid="sso-callback-url">
              {`${window.location.origin}/api/sso/${provider.id}/callback`}
            </Typography.Text>
          }
        />
      )}
      <Form<ProviderValues>
        form={form}
        name="oidc-provider"
        layout="vertical"
        onFinish={submit}
        disabled={saving}
      >
        <Form.Item name="label" label={t('field.label')} extra={t('field.labelHint')} rules={nameRules(60)}>
          <Input data-testid="sso-form-label" />
        </Form.Item>
        <Form.Item
          name="issuer"
          label={t('field.issuer')}
          extra={t('field.issuerHint')}
          rules={[
            { required: true, whitespace: true, message: t('common:validation.required') },
            { max: 300, message: t('common:validation.max', { max: 300 }) },
            {
              validator: (_, value?: string) =>
                !value?.trim() || isHttpUrl(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('field.issuerFormat'))),
            },
          ]}
        >
          <Input placeholder="https://idp.example.edu.cn" data-testid="sso-form-issuer" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="clientId"
          label={t('field.clientId')}
          rules={[
            { required: true, whitespace: true, message: t('common:validation.required') },
            { max: 200, message: t('common:validation.max', { max: 200 }) },
          ]}
        >
          <Input data-testid="sso-form-client-id" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="clientSecret"
          label={
            <Space>
              {t('field.clientSecret')}
              {provider?.hasClientSecret && <Tag color="success">{t('secretSet')}</Tag>}
            </Space>
          }
          extra={provider?.hasClientSecret ? t('field.clientSecretKeep') : t('field.clientSecretHint')}
          rules={[
            { required: !provider?.hasClientSecret, message: t('common:validation.required') },
            { max: 500, message: t('common:validation.max', { max: 500 }) },
          ]}
        >
          <Input.Password autoComplete="off" data-testid="sso-form-client-secret" />
        </Form.Item>
        <Form.Item
          name="readerNumberClaim"
          label={t('field.readerNumberClaim')}
          extra={t('field.readerNumberClaimHint')}
          rules={claimRules}
        >
          <Input data-testid="sso-form-reader-number-claim" spellCheck={false} />
        </Form.Item>
        <Form.Item name="nameClaim" label={t('field.nameClaim')} rules={claimRules}>
          <Input data-testid="sso-form-name-claim" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="createAccounts"
          label={t('field.createAccounts')}
          extra={t('field.createAccountsHint')}
          valuePropName="checked"
        >
          <Switch data-testid="sso-form-create-accounts" />
        </Form.Item>
        <Form.Item
          name="enabled"
          label={t('field.enabled')}
          extra={t('field.enabledHint')}
          valuePropName="checked"
        >
          <Switch data-testid="sso-form-enabled" />
        </Form.Item>
      </Form>
    </Drawer>
  )
}

/** OpenID Connect campus sign-in (统一身份认证) of a library. */
export const SsoPage = () => {
  const { t } = useTranslation(['sso', 'common'])
  usePageTitle(t('title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const name = useBilingual()
  const libraries = useLibraries()
  const [params, setParams] = useSearchParams()
  const libraryId = params.get('library') ?? me.library?.id ?? libraries.data?.items[0]?.id
  const providers = useOidcProviders(libraryId)
  const [drawer, setDrawer] = useState<{ open: boolean; provider?: Provider | undefined }>({ open: false })

  return (
    <div data-testid="sso-page">
      <PageHead
        title={t('title')}
        intro={t('intro')}
        extra={
          <Space wrap>
            {consortium && (
              <Select
                value={libraryId}
                onChange={(id) => setParams({ library: id }, { replace: true })}
                options={(libraries.data?.items ?? []).map((library) => ({
                  value: library.id,
                  label: name(library),
                }))}
                style={{ minWidth: 240 }}
                aria-label={t('pickLibrary')}
                data-testid="sso-library-picker"
              />
            )}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!libraryId}
              onClick={() => setDrawer({ open: true })}
              data-testid="sso-add"
            >
              {t('add')}
            </Button>
          </Space>
        }
      />
      <Alert type="info" showIcon title={t('callbackHint')} style={{ marginBottom: 16 }} />
      <Card size="small">
        {providers.isError ? (
          <PageError error={providers.error} onRetry={() => void providers.refetch()} backTo="/staff" />
        ) : (
          <Table<Provider>
            rowKey="id"
            size="middle"
            loading={providers.isPending && !!libraryId}
            dataSource={providers.data?.items ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            data-testid="sso-table"
            locale={{ emptyText: <EmptyHint text={t('empty')} /> }}
            columns={[
              { title: t('field.label'), dataIndex: 'label', width: 160 },
              {
                title: t('field.issuer'),
                dataIndex: 'issuer',
                ellipsis: true,
                render: (issuer: string) => <Typography.Text copyable>{issuer}</Typography.Text>,
              },
              { title: t('field.clientId'), dataIndex: 'clientId', width: 160, ellipsis: true },
              {
                title: t('field.clientSecret'),
                dataIndex: 'hasClientSecret',
                width: 110,
                render: (set: boolean) =>
                  set ? <Tag color="success">{t('secretSet')}</Tag> : <Tag>{t('secretMissing')}</Tag>,
              },
              {
                title: t('column.claims'),
                key: 'claims',
                width: 170,
                render: (_, row) => (
                  <Typography.Text code style={{ fontSize: 12 }}>
                    {row.readerNumberClaim} / {row.nameClaim}
                  </Typography.Text>
                ),
              },
              {
                title: t('field.createAccounts'),
                dataIndex: 'createAccounts',
                width: 120,
                render: (value: boolean) => (value ? t('common:state.yes') : t('common:state.no')),
              },
              {
                title: t('field.enabled'),
                dataIndex: 'enabled',
                width: 90,
                render: (value: boolean) => (
                  <Tag color={value ? 'success' : 'default'}>{value ? t('enabled') : t('disabled')}</Tag>
                ),
              },
              {
                title: t('common:table.actions'),
                key: 'actions',
                width: 90,
                render: (_, row) => (
                  <Typography.Link
                    onClick={() => setDrawer({ open: true, provider: row })}
                    data-testid="sso-edit"
                  >
                    {t('common:action.edit')}
                  </Typography.Link>
                ),
              },
            ]}
          />
        )}
      </Card>
      {libraryId && (
        <ProviderDrawer
          open={drawer.open}
          provider={drawer.provider}
          libraryId={libraryId}
          onClose={() => setDrawer({ open: false })}
        />
      )}
    </div>
  )
}
