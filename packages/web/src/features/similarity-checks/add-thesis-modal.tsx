import { App as AntApp, Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { nameRules, readerNumberRules } from '../../app/validation.ts'
import { useAddThesis } from './queries.ts'

interface Values {
  readerNumber: string
  authorName: string
  title: string
  supervisor?: string
  department?: string
  major?: string
}

const optionalName = (max: number) => nameRules(max).filter((rule) => !('required' in rule && rule.required))

/** Adds one thesis by hand, e.g. a graduate the school's list left out. */
export const AddThesisModal = ({
  batchId,
  open,
  onClose,
}: {
  batchId: string
  open: boolean
  onClose: () => void
}) => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<Values>()
  const add = useAddThesis(batchId)

  const submit = (values: Values) =>
    add.mutate(
      {
        readerNumber: values.readerNumber.trim(),
        authorName: values.authorName.trim(),
        title: values.title.trim(),
        supervisor: values.supervisor?.trim() || null,
        department: values.department?.trim() || null,
        major: values.major?.trim() || null,
      },
      {
        onSuccess: (thesis) => {
          void message.success(t('thesis.added', { name: thesis.authorName }))
          form.resetFields()
          onClose()
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) void message.error(errorText(error))
        },
      },
    )

  return (
    <Modal
      open={open}
      title={t('thesis.addTitle')}
      okText={t('batch.addThesis')}
      cancelText={t('common:action.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="similarity-add"
        onFinish={submit}
        data-testid="add-thesis-form"
      >
        <Form.Item name="readerNumber" label={t('field.readerNumber')} rules={readerNumberRules()}>
          <Input maxLength={40} data-testid="add-thesis-reader-number" />
        </Form.Item>
        <Form.Item name="authorName" label={t('field.author')} rules={nameRules(60)}>
          <Input maxLength={60} data-testid="add-thesis-author" />
        </Form.Item>
        <Form.Item name="title" label={t('field.title')} rules={nameRules(300)}>
          <Input.TextArea
            maxLength={300}
            autoSize={{ minRows: 1, maxRows: 4 }}
            data-testid="add-thesis-title"
          />
        </Form.Item>
        <Form.Item name="supervisor" label={t('field.supervisor')} rules={optionalName(100)}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="department" label={t('field.department')} rules={optionalName(100)}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="major" label={t('field.major')} rules={optionalName(100)}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
