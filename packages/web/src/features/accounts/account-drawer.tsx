import { type accounts, READER_TYPES } from '@shuqiao/contracts'
import { Alert, App as AntApp, Checkbox, Drawer, Form, Grid, Input, Radio, Select } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { DrawerFooter } from '../../app/drawer-footer.tsx'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import {
  confirmRules,
  emailRules,
  nameRules,
  passwordRules,
  phoneRules,
  readerNumberRules,
} from '../../app/validation.ts'
import { useDepartments } from '../libraries/queries.ts'
import { useLibraries } from '../session/queries.ts'
import { useCreateAccount, useUpdateAccount } from './queries.ts'

type Account = accounts.Account
type ReaderType = Account['type']

/** Roles an admin can give; consortium_admin is never handed out from here. */
export const ASSIGNABLE_ROLES = ['reader', 'librarian', 'subject_librarian', 'library_admin'] as const
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number]

interface AccountValues {
  libraryId?: string
  readerNumber: string
  name: string
  type: ReaderType
  departmentId?: string | null
  email?: string
  phone?: string
  password: string
  confirm: string
  roles: AssignableRole[]
  status: Account['status']
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null)

/**
 * Create an account (with a first password and roles) or edit one (details and status).
 * `chooseLibrary` is for the consortium admin, who names the library of a new account.
 */
export const AccountDrawer = ({
  open,
  account,
  defaultLibraryId,
  chooseLibrary,
  onClose,
}: {
  open: boolean
  account?: Account | undefined
  defaultLibraryId?: string | undefined
  chooseLibrary: boolean
  onClose: () => void
}) => {
  const { t } = useTranslation(['accounts', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const [form] = Form.useForm<AccountValues>()
  const libraries = useLibraries()
  const editing = !!account
  const chosenLibrary = Form.useWatch('libraryId', form)
  const libraryId = account?.libraryId ?? chosenLibrary ?? defaultLibraryId
  const departments = useDepartments(libraryId ?? undefined)
  const create = useCreateAccount()
  const update = useUpdateAccount()
  const saving = create.isPending || update.isPending
  const screens = Grid.useBreakpoint()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (account)
      form.setFieldsValue({
        name: account.name,
        type: account.type,
        departmentId: account.departmentId,
        email: account.email ?? '',
        phone: account.phone ?? '',
        status: account.status,
      })
    else form.setFieldsValue({ libraryId: defaultLibraryId, type: 'student', roles: ['reader'] })
  }, [open, account, defaultLibraryId, form])

  const fail = (error: unknown) => {
    if (!applyFieldErrors(form, error)) void message.error(errorText(error))
  }

  const submit = (values: AccountValues) => {
    if (account) {
      update.mutate(
        {
          accountId: account.id,
          body: {
            name: values.name.trim(),
            type: values.type,
            departmentId: values.departmentId ?? null,
            email: blankToNull(values.email),
            phone: blankToNull(values.phone),
            status: values.status,
          },
        },
        {
          onSuccess: (saved) => {
            void message.success(t('form.saved', { name: saved.name }))
            onClose()
          },
          onError: fail,
        },
      )
      return
    }
    create.mutate(
      {
        ...(chooseLibrary && values.libraryId ? { libraryId: values.libraryId } : {}),
        readerNumber: values.readerNumber.trim(),
        name: values.name.trim(),
        type: values.type,
        departmentId: values.departmentId ?? null,
        email: blankToNull(values.email),
        phone: blankToNull(values.phone),
        password: values.password,
        roles: values.roles,
      },
      {
        onSuccess: (saved) => {
          void message.success(t('form.created', { name: saved.name, readerNumber: saved.readerNumber }))
          onClose()
        },
        onError: fail,
      },
    )
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.sm === false ? '100%' : 520}
      title={editing ? t('form.editTitle', { name: account.name }) : t('form.createTitle')}
      destroyOnHidden
      data-testid="account-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          saving={saving}
          submitLabel={editing ? t('common:action.save') : t('form.create')}
          testId="account-form-submit"
        />
      }
    >
      <Form<AccountValues>
        form={form}
        name={editing ? 'account-edit' : 'account-create'}
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        onValuesChange={(changed) => {
          if ('libraryId' in changed) form.setFieldValue('departmentId', null)
        }}
      >
        {!editing && chooseLibrary && (
          <Form.Item
            name="libraryId"
            label={t('field.library')}
            rules={[{ required: true, message: t('common:validation.required') }]}
          >
            <Select
              data-testid="account-form-library"
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        )}
        {editing ? (
          <Form.Item label={t('field.readerNumber')}>
            <Input value={account.readerNumber} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="readerNumber"
            label={t('field.readerNumber')}
            extra={t('field.readerNumberHint')}
            rules={readerNumberRules()}
          >
            <Input data-testid="account-form-reader-number" autoCapitalize="off" spellCheck={false} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('field.name')} rules={nameRules(60)}>
          <Input data-testid="account-form-name" />
        </Form.Item>
        <Form.Item name="type" label={t('field.type')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="account-form-type"
            optionType="button"
            options={READER_TYPES.map((type) => ({ value: type, label: t(`common:readerType.${type}`) }))}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('field.department')}>
          <Select
            data-testid="account-form-department"
            allowClear
            placeholder={libraryId ? t('field.departmentPlaceholder') : t('field.departmentPickLibrary')}
            disabled={!libraryId}
            loading={departments.isPending && !!libraryId}
            options={(departments.data?.items ?? []).map((department) => ({
              value: department.id,
              label: name(department),
            }))}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={t('field.noDepartments')}
          />
        </Form.Item>
        <Form.Item name="email" label={t('field.email')} rules={emailRules()}>
          <Input type="email" data-testid="account-form-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('field.phone')} rules={phoneRules()}>
          <Input type="tel" data-testid="account-form-phone" />
        </Form.Item>
        {editing ? (
          <Form.Item name="status" label={t('field.status')} extra={t('field.statusHint')}>
            <Radio.Group data-testid="account-form-status">
              <Radio value="active">{t('status.active')}</Radio>
              <Radio value="disabled">{t('status.disabled')}</Radio>
            </Radio.Group>
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="password"
              label={t('field.firstPassword')}
              extra={t('field.firstPasswordHint')}
              rules={passwordRules()}
            >
              <Input.Password autoComplete="new-password" data-testid="account-form-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('field.confirmPassword')}
              dependencies={['password']}
              rules={confirmRules('password')}
            >
              <Input.Password autoComplete="new-password" data-testid="account-form-confirm" />
            </Form.Item>
            <Form.Item
              name="roles"
              label={t('field.roles')}
              rules={[{ required: true, type: 'array', min: 1, message: t('roles.atLeastOne') }]}
            >
              <Checkbox.Group
                data-testid="account-form-roles"
                options={ASSIGNABLE_ROLES.map((role) => ({ value: role, label: t(`common:role.${role}`) }))}
              />
            </Form.Item>
            <Alert type="info" showIcon title={t('form.subjectHint')} />
          </>
        )}
      </Form>
    </Drawer>
  )
}
