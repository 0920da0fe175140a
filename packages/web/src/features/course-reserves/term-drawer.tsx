import { App as AntApp, Checkbox, DatePicker, Drawer, Form, Input } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { DrawerFooter } from '../../app/drawer-footer.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { termNamesOf } from './logic.ts'
import { type Term, useSaveTerm } from './queries.ts'

interface Values {
  code: string
  nameZh: string
  nameEn: string
  dates: [Dayjs, Dayjs]
  current: boolean
}

/** Adds a term or changes one; names are filled in from a code like 2025-2026-2. */
export const TermDrawer = ({
  open,
  term,
  onClose,
}: {
  open: boolean
  term?: Term | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const [form] = Form.useForm<Values>()
  const save = useSaveTerm()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (term)
      form.setFieldsValue({
        code: term.code,
        nameZh: term.nameZh,
        nameEn: term.nameEn,
        dates: [dayjs(term.startsOn), dayjs(term.endsOn)],
        current: term.current,
      })
  }, [open, term, form])

  const submit = (values: Values) => {
    const body = {
      code: values.code.trim(),
      nameZh: values.nameZh,
      nameEn: values.nameEn,
      startsOn: values.dates[0].format('YYYY-MM-DD'),
      endsOn: values.dates[1].format('YYYY-MM-DD'),
      current: values.current ?? false,
    }
    save.mutate(
      { termId: term?.id, body },
      {
        onSuccess: (saved) => {
          void message.success(t('terms.saved', { name: saved.nameZh }))
          onClose()
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, { startsOn: 'dates', endsOn: 'dates' }))
            void message.error(errorText(error))
        },
      },
    )
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={term ? t('terms.editTitle') : t('terms.createTitle')}
      size={420}
      destroyOnHidden
      data-testid="term-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          saving={save.isPending}
          testId="term-form-submit"
        />
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ current: false }}
        onValuesChange={(changed: Partial<Values>) => {
          const names = changed.code ? termNamesOf(changed.code) : undefined
          if (names && !form.isFieldTouched('nameZh') && !form.isFieldTouched('nameEn'))
            form.setFieldsValue(names)
        }}
      >
        <Form.Item
          name="code"
          label={t('terms.code')}
          extra={t('terms.codeHint')}
          rules={[
            { required: true, pattern: /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/, message: t('terms.codeHint') },
          ]}
        >
          <Input maxLength={40} placeholder="2025-2026-2" data-testid="term-form-code" />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('terms.nameZh')}
          rules={[{ required: true, whitespace: true, max: 60 }]}
        >
          <Input maxLength={60} data-testid="term-form-name-zh" />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('terms.nameEn')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input maxLength={100} data-testid="term-form-name-en" />
        </Form.Item>
        <Form.Item name="dates" label={t('terms.dates')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="term-form-dates" />
        </Form.Item>
        <Form.Item name="current" valuePropName="checked">
          <Checkbox data-testid="term-form-current">{t('terms.current')}</Checkbox>
        </Form.Item>
      </Form>
    </Drawer>
  )
}
