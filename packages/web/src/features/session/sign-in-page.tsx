import { LockOutlined, LoginOutlined, UserOutlined } from '@ant-design/icons'
import { session } from '@shuqiao/contracts'
import { Alert, Button, Card, Divider, Form, Input, Select, Space, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { ApiProblem, urlOf } from '../../api/client.ts'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { isStaffAccount, safeReturnTo } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LanguageSwitch } from '../../app/language-switch.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { useLibraries, useMe, useSignIn, useSsoProviders } from './queries.ts'

/** Value of the library choice that means "an account of the consortium itself". */
export const CONSORTIUM_CHOICE = 'consortium'
const LAST_LIBRARY_KEY = 'shuqiao.lastLibrary'
const SSO_ERRORS = ['sso_failed', 'account_disabled', 'no_account'] as const
type SsoError = (typeof SSO_ERRORS)[number]

const READER_NUMBER = /^[A-Za-z0-9._-]+$/

interface SignInValues {
  library: string
  readerNumber: string
  password: string
}

const readLastLibrary = () => {
  try {
    return localStorage.getItem(LAST_LIBRARY_KEY) ?? undefined
  } catch {
    return undefined
  }
}

const rememberLibrary = (choice: string) => {
  try {
    localStorage.setItem(LAST_LIBRARY_KEY, choice)
  } catch {
    // not remembering is fine
  }
}

/** Where a freshly signed-in account goes: back where it was sent from, else its own start page. */
const destinationFor = (me: session.Me, returnTo: string | undefined) =>
  returnTo ?? (isStaffAccount(me) ? '/staff' : '/')

export const SignInPage = () => {
  const { t } = useTranslation(['session', 'common'])
  usePageTitle(t('signIn.title'))
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const me = useMe()
  const libraries = useLibraries()
  const signIn = useSignIn()
  const name = useBilingual()
  const errorText = useErrorText()
  const [form] = Form.useForm<SignInValues>()
  const [failure, setFailure] = useState<ApiProblem | Error | null>(null)
  const chosen = Form.useWatch('library', form)
  const returnTo = safeReturnTo(params.get('returnTo'))
  const ssoError = SSO_ERRORS.find((code) => code === params.get('sso_error')) as SsoError | undefined

  const options = useMemo(() => {
    const data = libraries.data
    if (!data) return []
    const items = data.items.map((library) => ({
      value: library.id,
      label: name(library),
      'data-testid': `sign-in-library-option-${library.code}`,
    }))
    if (data.consortium)
      items.push({
        value: CONSORTIUM_CHOICE,
        label: t('signIn.consortiumAccount', { name: name(data.consortium) }),
        'data-testid': 'sign-in-library-option-consortium',
      })
    return items
  }, [libraries.data, name, t])

  // Preselect: ?library=<code> from a link on the university's site, else the last choice here.
  useEffect(() => {
    const data = libraries.data
    if (!data || form.getFieldValue('library')) return
    const byCode = data.items.find((library) => library.code === params.get('library'))
    const last = readLastLibrary()
    const known = last && (last === CONSORTIUM_CHOICE || data.items.some((library) => library.id === last))
    const pick = byCode?.id ?? (known ? last : data.items.length === 1 ? data.items[0]?.id : undefined)
    if (pick) form.setFieldValue('library', pick)
  }, [libraries.data, form, params])

  const libraryId = chosen && chosen !== CONSORTIUM_CHOICE ? chosen : undefined
  const providers = useSsoProviders(libraryId)

  if (me.data) return <Navigate to={destinationFor(me.data, returnTo)} replace />

  const submit = (values: SignInValues) => {
    setFailure(null)
    signIn.mutate(
      {
        libraryId: values.library === CONSORTIUM_CHOICE ? undefined : values.library,
        readerNumber: values.readerNumber.trim(),
        password: values.password,
      },
      {
        onSuccess: (account) => {
          rememberLibrary(values.library)
          void navigate(destinationFor(account, returnTo), { replace: true })
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, { libraryId: 'library' })) setFailure(error)
        },
      },
    )
  }

  return (
    <div className="sq-sign-in">
      <div className="sq-sign-in-top">
        <span className="sq-brand">
          <img src="/favicon.svg" alt="" />
          <span>{t('common:app.name')}</span>
        </span>
        <LanguageSwitch />
      </div>
      <div className="sq-sign-in-card">
        <Typography.Title level={3} style={{ color: '#fff', marginTop: 8 }}>
          {t('signIn.heading')}
        </Typography.Title>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)' }}>
          {libraries.data?.consortium ? name(libraries.data.consortium) : t('common:app.tagline')}
        </Typography.Paragraph>
        <Card>
          {ssoError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t(`signIn.ssoError.${ssoError}`)}
              data-testid="sign-in-sso-error"
            />
          )}
          {libraries.isError && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('signIn.librariesFailed')}
              description={errorText(libraries.error)}
              action={
                <Button size="small" onClick={() => void libraries.refetch()}>
                  {t('common:action.retry')}
                </Button>
              }
            />
          )}
          <Form<SignInValues>
            form={form}
            name="sign-in"
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            onValuesChange={() => setFailure(null)}
            disabled={signIn.isPending}
          >
            <Form.Item
              name="library"
              label={t('signIn.library')}
              rules={[{ required: true, message: t('signIn.libraryRequired') }]}
            >
              <Select
                data-testid="sign-in-library"
                placeholder={t('signIn.libraryPlaceholder')}
                options={options}
                loading={libraries.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                size="large"
                notFoundContent={libraries.isPending ? t('common:state.loading') : t('signIn.noLibraries')}
              />
            </Form.Item>
            <Form.Item
              name="readerNumber"
              label={t('signIn.readerNumber')}
              rules={[
                { required: true, whitespace: true, message: t('signIn.readerNumberRequired') },
                { max: 40, message: t('common:validation.max', { max: 40 }) },
                {
                  validator: (_, value: string | undefined) =>
                    !value?.trim() || READER_NUMBER.test(value.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('signIn.readerNumberFormat'))),
                },
              ]}
            >
              <Input
                data-testid="sign-in-reader-number"
                prefix={<UserOutlined />}
                placeholder={t('signIn.readerNumberPlaceholder')}
                autoComplete="username"
                autoCapitalize="off"
                spellCheck={false}
                size="large"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('signIn.password')}
              rules={[{ required: true, message: t('signIn.passwordRequired') }]}
            >
              <Input.Password
                data-testid="sign-in-password"
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
              />
            </Form.Item>
            {failure && (
              <Alert
                type={failure instanceof ApiProblem && failure.status === 429 ? 'warning' : 'error'}
                showIcon
                style={{ marginBottom: 16 }}
                title={errorText(failure)}
                data-testid="sign-in-error"
                role="alert"
              />
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              icon={<LoginOutlined />}
              loading={signIn.isPending}
              data-testid="sign-in-submit"
            >
              {t('signIn.submit')}
            </Button>
          </Form>
          {libraryId && (providers.data?.items.length ?? 0) > 0 && (
            <>
              <Divider plain>{t('signIn.orCampus')}</Divider>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {providers.data?.items.map((provider) => (
                  <Button
                    key={provider.id}
                    block
                    size="large"
                    href={urlOf(session.startSso, {
                      params: { providerId: provider.id },
                      query: { returnTo: returnTo ?? '/' },
                    })}
                    data-testid={`sign-in-sso-${provider.id}`}
                  >
                    {t('signIn.campusWith', { label: provider.label })}
                  </Button>
                ))}
              </Space>
            </>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
            {t('signIn.help')}
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  )
}
