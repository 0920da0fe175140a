import { PlusOutlined } from '@ant-design/icons'
import type { libraries } from '@shuqiao/contracts'
import { App as AntApp, Button, Card, Form, Input, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { nameRules } from '../../app/validation.ts'
import { useCreateDepartment, useDepartments } from './queries.ts'

interface DepartmentValues {
  code: string
  nameZh: string
  nameEn: string
}

const DEPARTMENT_CODE = /^[A-Za-z0-9_-]+$/

/** Schools and departments (院系) of a library's university; admins add new ones. */
export const DepartmentsPanel = ({ library, canEdit }: { library: libraries.Library; canEdit: boolean }) => {
  const { t } = useTranslation(['libraries', 'common'])
  const { message } = AntApp.useApp()
  const departments = useDepartments(library.id)
  const create = useCreateDepartment()
  const errorText = useErrorText()
  const [form] = Form.useForm<DepartmentValues>()

  const submit = (values: DepartmentValues) =>
    create.mutate(
      {
        libraryId: library.id,
        body: { code: values.code.trim(), nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() },
      },
      {
        onSuccess: (department) => {
          form.resetFields()
          void message.success(t('departments.added', { name: department.nameZh }))
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) void message.error(errorText(error))
        },
      },
    )

  if (departments.isError)
    return <PageError error={departments.error} onRetry={() => void departments.refetch()} backTo="/staff" />

  return (
    <Card size="small">
      {canEdit && (
        <Form<DepartmentValues>
          form={form}
          name="department"
          layout="inline"
          onFinish={submit}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item
            name="code"
            rules={[
              { required: true, whitespace: true, message: t('common:validation.required') },
              { max: 20, message: t('common:validation.max', { max: 20 }) },
              { pattern: DEPARTMENT_CODE, message: t('departments.codeFormat') },
            ]}
          >
            <Input
              placeholder={t('departments.code')}
              aria-label={t('departments.code')}
              style={{ width: 120 }}
              data-testid="department-code"
            />
          </Form.Item>
          <Form.Item name="nameZh" rules={nameRules(120)}>
            <Input
              placeholder={t('departments.nameZh')}
              aria-label={t('departments.nameZh')}
              style={{ width: 220 }}
              data-testid="department-name-zh"
            />
          </Form.Item>
          <Form.Item name="nameEn" rules={nameRules(200)}>
            <Input
              placeholder={t('departments.nameEn')}
              aria-label={t('departments.nameEn')}
              style={{ width: 280 }}
              data-testid="department-name-en"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<PlusOutlined />}
            loading={create.isPending}
            data-testid="department-add"
          >
            {t('departments.add')}
          </Button>
        </Form>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={departments.isPending}
        dataSource={departments.data?.items ?? []}
        pagination={false}
        scroll={{ x: 600 }}
        data-testid="departments-table"
        locale={{
          emptyText: <EmptyHint text={canEdit ? t('departments.emptyAdmin') : t('departments.empty')} />,
        }}
        columns={[
          { title: t('departments.code'), dataIndex: 'code', width: 140 },
          { title: t('departments.nameZh'), dataIndex: 'nameZh' },
          { title: t('departments.nameEn'), dataIndex: 'nameEn' },
        ]}
      />
    </Card>
  )
}
