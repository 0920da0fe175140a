import type { accounts } from '@shuqiao/contracts'
import { Alert, App as AntApp, Checkbox, Form, Input, Modal, Select } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { confirmRules, passwordRules } from '../../app/validation.ts'
import { useDepartments } from '../libraries/queries.ts'
import { ASSIGNABLE_ROLES, type AssignableRole } from './account-drawer.tsx'
import { useResetPassword, useSetRoles } from './queries.ts'

type Account = accounts.Account

interface RolesValues {
  roles: AssignableRole[]
  subjectDepartmentIds: string[]
}

/** Roles of one account, and the departments it serves when it is a subject librarian. */
export const RolesModal = ({ account, onClose }: { account: Account | undefined; onClose: () => void }) => {
  const { t } = useTranslation(['accounts', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const [form] = Form.useForm<RolesValues>()
  const setRoles = useSetRoles()
  const departments = useDepartments(account?.libraryId ?? undefined)
  const roles = Form.useWatch('roles', form) ?? []
  const subject = roles.includes('subject_librarian')

  useEffect(() => {
    if (!account) return
    form.setFieldsValue({
      roles: account.roles.filter((role): role is AssignableRole =>
        (ASSIGNABLE_ROLES as readonly string[]).includes(role),
      ),
      subjectDepartmentIds: account.subjectDepartmentIds,
    })
  }, [account, form])

  const submit = (values: RolesValues) => {
    if (!account) return
    const chosen = values.roles ?? []
    setRoles.mutate(
      {
        accountId: account.id,
        body: {
          roles: chosen,
          subjectDepartmentIds: chosen.includes('subject_librarian')
            ? (values.subjectDepartmentIds ?? [])
            : [],
        },
      },
      {
        onSuccess: (saved) => {
          void message.success(t('roles.saved', { name: saved.name }))
          onClose()
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) void message.error(errorText(error))
        },
      },
    )
  }

  return (
    <Modal
      open={!!account}
      title={account ? t('roles.title', { name: account.name }) : ''}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={setRoles.isPending}
      okButtonProps={{ 'data-testid': 'roles-submit' }}
      destroyOnHidden
    >
      <Form<RolesValues> form={form} name="roles" layout="vertical" onFinish={submit}>
        <Form.Item name="roles" label={t('field.roles')} extra={t('roles.hint')}>
          <Checkbox.Group
            data-testid="roles-checkboxes"
            options={ASSIGNABLE_ROLES.map((role) => ({ value: role, label: t(`common:role.${role}`) }))}
          />
        </Form.Item>
        {subject && (
          <Form.Item
            name="subjectDepartmentIds"
            label={t('roles.subjectDepartments')}
            extra={t('roles.subjectHint')}
          >
            <Select
              mode="multiple"
              data-testid="roles-subject-departments"
              loading={departments.isPending}
              options={(departments.data?.items ?? []).map((department) => ({
                value: department.id,
                label: name(department),
              }))}
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent={t('field.noDepartments')}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

interface PasswordValues {
  password: string
  confirm: string
}

/** Gives an account a new password; the server signs it out everywhere. */
export const ResetPasswordModal = ({
  account,
  onClose,
}: {
  account: Account | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['accounts', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<PasswordValues>()
  const reset = useResetPassword()

  return (
    <Modal
      open={!!account}
      title={account ? t('resetPassword.title', { name: account.name }) : ''}
      okText={t('resetPassword.submit')}
      cancelText={t('common:action.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      okButtonProps={{ danger: true, 'data-testid': 'reset-password-submit' }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('resetPassword.warning')} style={{ marginBottom: 16 }} />
      <Form<PasswordValues>
        form={form}
        name="reset-password"
        layout="vertical"
        preserve={false}
        onFinish={(values) =>
          account &&
          reset.mutate(
            { accountId: account.id, password: values.password },
            {
              onSuccess: () => {
                void message.success(t('resetPassword.done', { name: account.name }))
                onClose()
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error)) void message.error(errorText(error))
              },
            },
          )
        }
      >
        <Form.Item name="password" label={t('field.newPassword')} rules={passwordRules()}>
          <Input.Password autoComplete="new-password" data-testid="reset-password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('field.confirmPassword')}
          dependencies={['password']}
          rules={confirmRules('password')}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
