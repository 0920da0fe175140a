import { Form, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import { useDepartments } from '../libraries/queries.ts'
import { SUBJECT } from './form-values.ts'

/**
 * 对口学科: the department whose subject librarian should take a request of a type assigned by
 * subject, from the library's own list; the form starts with the reader's department.
 */
export const SubjectItem = ({ libraryId }: { libraryId: string }) => {
  const { t } = useTranslation('requests')
  const name = useBilingual()
  const departments = useDepartments(libraryId)
  return (
    <Form.Item name={SUBJECT} label={t('subject.label')} extra={t('subject.hint')}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        loading={departments.isPending}
        placeholder={t('subject.placeholder')}
        aria-label={t('subject.label')}
        options={(departments.data?.items ?? []).map((department) => ({
          value: department.id,
          label: name(department),
        }))}
        style={{ width: '100%' }}
        data-testid="request-subject"
      />
    </Form.Item>
  )
}

/** A request's subject by name, read from its library's departments. */
export const SubjectName = ({ libraryId, subjectId }: { libraryId: string; subjectId: string }) => {
  const name = useBilingual()
  const departments = useDepartments(libraryId)
  const department = departments.data?.items.find((item) => item.id === subjectId)
  return <span data-testid="request-subject-name">{department ? name(department) : '…'}</span>
}
