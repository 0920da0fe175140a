import { LogoutOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { isStaffAccount, sortRoles } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LanguageSwitch } from '../../app/language-switch.tsx'
import { LinkButton } from '../../app/link-button.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { confirmRules, emailRules, PASSWORD_MIN, passwordRules, phoneRules } from '../../app/validation.ts'
import { useChangePassword, useSignOut, useUpdateMe } from './queries.ts'

interface ContactValues {
  email: string
  phone: string
}

interface PasswordValues {
  currentPassword: string
  newPassword: string
  confirm: string
}

/** A reader's own account: profile, contact details, language, password, signing out. */
export const AccountPage = () => {
  const { t } = useTranslation(['session', 'common'])
  usePageTitle(t('account.title'))
  const me = useSignedIn()
  const name = useBilingual()
  const navigate = useNavigate()
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const updateMe = useUpdateMe()
  const changePassword = useChangePassword()
  const signOut = useSignOut()
  const [contactForm] = Form.useForm<ContactValues>()
  const [passwordForm] = Form.useForm<PasswordValues>()

  const saveContact = (values: ContactValues) =>
    updateMe.mutate(
      { email: values.email.trim() || null, phone: values.phone.trim() || null },
      {
        onSuccess: () => void message.success(t('account.contactSaved')),
        onError: (error) => {
          if (!applyFieldErrors(contactForm, error)) void message.error(errorText(error))
        },
      },
    )

  const savePassword = (values: PasswordValues) =>
    changePassword.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          passwordForm.resetFields()
          void message.success(t('account.passwordChanged'))
        },
        onError: (error) => {
          if (!applyFieldErrors(passwordForm, error)) void message.error(errorText(error))
        },
      },
    )

  const leave = (scope: 'here' | 'everywhere') =>
    signOut.mutate(scope, {
      onSuccess: () => {
        void message.success(scope === 'here' ? t('account.signedOut') : t('account.signedOutEverywhere'))
        void navigate('/sign-in', { replace: true })
      },
      onError: (error) => void message.error(errorText(error)),
    })

  const confirmEverywhere = () =>
    modal.confirm({
      title: t('account.everywhereConfirmTitle'),
      content: t('account.everywhereConfirmText'),
      okText: t('account.signOutEverywhere'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () => leave('everywhere'),
    })

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="account-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('account.title')}
      </Typography.Title>

      <Card title={t('account.profile')} size="small">
        <Descriptions
          column={1}
          size="small"
          data-testid="account-profile"
          items={[
            { key: 'name', label: t('account.name'), children: me.name },
            { key: 'readerNumber', label: t('account.readerNumber'), children: me.readerNumber },
            { key: 'type', label: t('account.type'), children: t(`common:readerType.${me.type}`) },
            {
              key: 'department',
              label: t('account.department'),
              children: me.department ? name(me.department) : t('common:state.none'),
            },
            {
              key: 'library',
              label: t('account.library'),
              children: me.library ? name(me.library) : name(me.consortium),
            },
            {
              key: 'roles',
              label: t('account.roles'),
              children: (
                <Space size={[4, 4]} wrap>
                  {sortRoles(me.roles).map((role) => (
                    <Tag key={role} color={role === 'reader' ? 'default' : 'geekblue'}>
                      {t(`common:role.${role}`)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        {isStaffAccount(me) && (
          <LinkButton to="/staff" style={{ marginTop: 12 }} data-testid="account-staff-console">
            {t('account.openStaffConsole')}
          </LinkButton>
        )}
      </Card>

      <Card title={t('account.contact')} size="small">
        <Form<ContactValues>
          form={contactForm}
          name="contact"
          layout="vertical"
          initialValues={{ email: me.email ?? '', phone: me.phone ?? '' }}
          onFinish={saveContact}
        >
          <Form.Item name="email" label={t('account.email')} rules={emailRules()}>
            <Input type="email" autoComplete="email" data-testid="account-email" />
          </Form.Item>
          <Form.Item name="phone" label={t('account.phone')} rules={phoneRules()}>
            <Input type="tel" autoComplete="tel" data-testid="account-phone" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={updateMe.isPending}
            data-testid="account-save-contact"
          >
            {t('common:action.save')}
          </Button>
        </Form>
      </Card>

      <Card title={t('account.language')} size="small">
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('account.languageHint')}</Typography.Text>
          <LanguageSwitch size="middle" />
        </Space>
      </Card>

      <Card title={t('account.password')} size="small">
        {me.signedInVia === 'oidc' && (
          <Typography.Paragraph type="secondary">{t('account.passwordOidcHint')}</Typography.Paragraph>
        )}
        <Form<PasswordValues> form={passwordForm} name="password" layout="vertical" onFinish={savePassword}>
          <Form.Item
            name="currentPassword"
            label={t('account.currentPassword')}
            rules={[{ required: true, message: t('common:validation.required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="account-current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.newPassword')}
            extra={t('common:validation.passwordHint', { min: PASSWORD_MIN })}
            rules={passwordRules()}
          >
            <Input.Password autoComplete="new-password" data-testid="account-new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('account.confirmPassword')}
            dependencies={['newPassword']}
            rules={confirmRules('newPassword')}
          >
            <Input.Password autoComplete="new-password" data-testid="account-confirm-password" />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('account.passwordOtherDevices')}
          </Typography.Paragraph>
          <Button
            type="primary"
            htmlType="submit"
            loading={changePassword.isPending}
            data-testid="account-change-password"
          >
            {t('account.changePassword')}
          </Button>
        </Form>
      </Card>

      <Card title={t('account.signOutTitle')} size="small">
        <Space wrap>
          <Button icon={<LogoutOutlined />} onClick={() => leave('here')} data-testid="account-sign-out">
            {t('account.signOut')}
          </Button>
          <Button danger onClick={confirmEverywhere} data-testid="account-sign-out-everywhere">
            {t('account.signOutEverywhere')}
          </Button>
        </Space>
      </Card>
    </Space>
  )
}
