import { CheckCircleOutlined, CopyOutlined, WarningOutlined } from '@ant-design/icons'
import { Alert, App as AntApp, Button, Form, Input, List, Segmented, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { type PasteAnswer, useAddTitle, usePasteTitles } from './title-queries.ts'
import { isbnProblem, isbnText, titleName } from './titles-logic.ts'

type Mode = 'isbn' | 'fields' | 'paste'

/**
 * Adds titles to a course three ways: an ISBN (checked as it is typed), a title with its
 * author, publisher and edition, or a pasted list checked line by line before it is added.
 */
export const TitleAddForm = ({ courseId }: { courseId: string }) => {
  const { t } = useTranslation('courseReserves')
  const [mode, setMode] = useState<Mode>('isbn')
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="title-add">
      <Segmented<Mode>
        block
        value={mode}
        onChange={setMode}
        data-testid="title-add-mode"
        options={[
          { value: 'isbn', label: t('addTitle.modeIsbn') },
          { value: 'fields', label: t('addTitle.modeFields') },
          { value: 'paste', label: t('addTitle.modePaste') },
        ]}
      />
      {mode === 'isbn' && <IsbnForm courseId={courseId} />}
      {mode === 'fields' && <FieldsForm courseId={courseId} />}
      {mode === 'paste' && <PasteForm courseId={courseId} />}
    </Space>
  )
}

const useAdded = () => {
  const { t } = useTranslation('courseReserves')
  const { message } = AntApp.useApp()
  return (answer: { added: boolean; title: { title: string | null; isbn13: string | null } }) => {
    const name = titleName(answer.title, '')
    if (answer.added) void message.success(t('addTitle.added', { title: name }))
    else void message.info(t('addTitle.already', { title: name }))
  }
}

const IsbnForm = ({ courseId }: { courseId: string }) => {
  const { t } = useTranslation('courseReserves')
  const add = useAddTitle(courseId)
  const added = useAdded()
  const errorText = useErrorText()
  const [isbn, setIsbn] = useState('')
  const [failure, setFailure] = useState<string>()
  const problem = isbnProblem(isbn)
  // Said once the ISBN looks complete (or is not digits at all), not while it is being typed.
  const shown =
    problem === 'format' || (problem && isbn.replace(/[^\dXx]/g, '').length >= 10) ? problem : undefined
  const submit = () => {
    if (!isbn.trim() || problem) return
    setFailure(undefined)
    add.mutate(
      { isbn: isbn.trim() },
      {
        onSuccess: (answer) => {
          added(answer)
          setIsbn('')
        },
        onError: (error) => setFailure(errorText(error)),
      },
    )
  }
  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false}>
      <Form.Item
        label={t('addTitle.isbn')}
        validateStatus={shown ? 'error' : undefined}
        help={shown ? t(ISBN_MESSAGES[shown]) : undefined}
        style={{ marginBottom: 12 }}
      >
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={isbn}
            onChange={(event) => setIsbn(event.target.value)}
            placeholder={t('addTitle.isbnPlaceholder')}
            inputMode="numeric"
            maxLength={40}
            data-testid="title-isbn"
          />
          <Button
            type="primary"
            htmlType="submit"
            loading={add.isPending}
            disabled={!isbn.trim() || !!problem}
            data-testid="title-isbn-add"
          >
            {t('addTitle.add')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {failure && <Alert type="error" showIcon role="alert" title={failure} data-testid="title-add-error" />}
    </Form>
  )
}

const ISBN_MESSAGES = {
  checksum: 'addTitle.isbnChecksum',
  length: 'addTitle.isbnLength',
  format: 'addTitle.isbnFormat',
} as const

interface Fields {
  title: string
  author?: string
  publisher?: string
  edition?: string
}

const FieldsForm = ({ courseId }: { courseId: string }) => {
  const { t } = useTranslation('courseReserves')
  const [form] = Form.useForm<Fields>()
  const add = useAddTitle(courseId)
  const added = useAdded()
  const errorText = useErrorText()
  const [failure, setFailure] = useState<string>()
  const submit = (values: Fields) => {
    setFailure(undefined)
    const given = (value: string | undefined) => value?.trim() || undefined
    add.mutate(
      {
        title: values.title.trim(),
        author: given(values.author),
        publisher: given(values.publisher),
        edition: given(values.edition),
      },
      {
        onSuccess: (answer) => {
          added(answer)
          form.resetFields()
        },
        onError: (error) => setFailure(errorText(error)),
      },
    )
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="title-fields">
      <Form.Item
        name="title"
        label={t('addTitle.title')}
        rules={[{ required: true, whitespace: true, message: t('addTitle.titleRequired') }]}
      >
        <Input maxLength={300} data-testid="title-field-title" />
      </Form.Item>
      <Form.Item name="author" label={t('addTitle.author')}>
        <Input maxLength={200} data-testid="title-field-author" />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="publisher" label={t('addTitle.publisher')} style={{ flex: 2 }}>
          <Input maxLength={200} data-testid="title-field-publisher" />
        </Form.Item>
        <Form.Item name="edition" label={t('addTitle.edition')} style={{ flex: 1 }}>
          <Input
            maxLength={60}
            placeholder={t('addTitle.editionPlaceholder')}
            data-testid="title-field-edition"
          />
        </Form.Item>
      </Space.Compact>
      {failure && <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" block loading={add.isPending} data-testid="title-fields-add">
        {t('addTitle.add')}
      </Button>
    </Form>
  )
}

const PasteForm = ({ courseId }: { courseId: string }) => {
  const { t } = useTranslation('courseReserves')
  const { message } = AntApp.useApp()
  const paste = usePasteTitles(courseId)
  const errorText = useErrorText()
  const [text, setText] = useState('')
  const [checked, setChecked] = useState<{ text: string; answer: PasteAnswer }>()
  const [failure, setFailure] = useState<string>()
  const current = checked && checked.text === text ? checked.answer : undefined
  const wrong = current?.lines.filter((line) => line.problem).length ?? 0
  const ready = current ? current.lines.length - wrong : 0

  const run = (dryRun: boolean) => {
    setFailure(undefined)
    paste.mutate(
      { text, dryRun },
      {
        onSuccess: (answer) => {
          if (dryRun) return setChecked({ text, answer })
          void message.success(t('addTitle.pasteAdded', { count: answer.added }))
          setText('')
          setChecked(undefined)
        },
        onError: (error) => setFailure(errorText(error)),
      },
    )
  }

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('addTitle.paste')}</Typography.Text>
      <Input.TextArea
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoSize={{ minRows: 4, maxRows: 12 }}
        placeholder={t('addTitle.pastePlaceholder')}
        maxLength={50_000}
        data-testid="title-paste"
      />
      <Space wrap>
        <Button
          onClick={() => run(true)}
          disabled={!text.trim()}
          loading={paste.isPending && !current}
          data-testid="title-paste-check"
        >
          {t('addTitle.check')}
        </Button>
        <Button
          type="primary"
          icon={<CopyOutlined />}
          onClick={() => run(false)}
          disabled={!current || wrong > 0 || ready === 0}
          loading={paste.isPending && !!current}
          data-testid="title-paste-add"
        >
          {t('addTitle.addAll')}
        </Button>
      </Space>
      {failure && <Alert type="error" showIcon role="alert" title={failure} />}
      {current && (
        <>
          <Alert
            type={wrong > 0 ? 'warning' : 'success'}
            showIcon
            title={
              wrong > 0
                ? t('addTitle.pasteProblems', { count: wrong })
                : t('addTitle.pasteReady', { count: ready })
            }
          />
          <List
            size="small"
            bordered
            dataSource={current.lines}
            data-testid="title-paste-lines"
            renderItem={(line) => (
              <List.Item data-line={line.line} data-problem={line.problem?.code ?? ''}>
                <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                  <Typography.Text>
                    <Typography.Text type="secondary">{line.line}. </Typography.Text>
                    {line.title || isbnText(line.isbn13) || line.text}
                    {line.author && <Typography.Text type="secondary"> · {line.author}</Typography.Text>}
                  </Typography.Text>
                  {line.problem && <Typography.Text type="danger">{line.problem.message}</Typography.Text>}
                </Space>
                {line.problem ? (
                  <WarningOutlined style={{ color: 'var(--ant-color-error)' }} />
                ) : line.duplicate ? (
                  <Tag>{t('addTitle.lineDuplicate')}</Tag>
                ) : (
                  <CheckCircleOutlined
                    style={{ color: 'var(--ant-color-success)' }}
                    aria-label={t('addTitle.lineOk')}
                  />
                )}
              </List.Item>
            )}
          />
        </>
      )}
    </Space>
  )
}
