import { PlusOutlined } from '@ant-design/icons'
import { referenceDesk } from '@shuqiao/contracts'
import {
  App as AntApp,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useDebounced } from '../catalogue/use-debounced.ts'
import { useDeleteFaq, useManagedFaq, useSaveFaq, useStaffQueues } from './queries.ts'

type Article = referenceDesk.ManagedFaqArticle
type Status = (typeof referenceDesk.FAQ_STATUSES)[number]
type Visibility = (typeof referenceDesk.FAQ_VISIBILITIES)[number]

interface FormValues {
  queueId: string | null
  questionZh: string
  answerZh: string
  questionEn: string
  answerEn: string
  visibility: Visibility
  status: Status
  position: number
}

const valuesOf = (article: Article | undefined): FormValues => ({
  queueId: article?.topic?.id ?? null,
  questionZh: article?.questionZh ?? '',
  answerZh: article?.answerZh ?? '',
  questionEn: article?.questionEn ?? '',
  answerEn: article?.answerEn ?? '',
  visibility: article?.visibility ?? 'public',
  status: article?.status ?? 'draft',
  position: article?.position ?? 0,
})

/** 常见问题管理: the library's FAQ with filters; a drawer writes an article in Chinese and English. */
export const FaqManagePage = () => {
  const { t } = useTranslation(['referenceDesk', 'common'])
  usePageTitle(t('faq.manage.title'))
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [typed, setTyped] = useState('')
  const [queueId, setQueueId] = useState<string>()
  const [status, setStatus] = useState<Status>()
  const [visibility, setVisibility] = useState<Visibility>()
  const q = useDebounced(typed.trim(), 300)
  const list = useManagedFaq({
    ...(q ? { q } : {}),
    ...(queueId ? { queueId } : {}),
    ...(status ? { status } : {}),
    ...(visibility ? { visibility } : {}),
  })
  const queues = useStaffQueues()
  const save = useSaveFaq()
  const remove = useDeleteFaq()
  const [editing, setEditing] = useState<Article | 'new'>()
  const [form] = Form.useForm<FormValues>()

  const open = (article: Article | 'new') => {
    setEditing(article)
    form.setFieldsValue(valuesOf(article === 'new' ? undefined : article))
  }

  const onSave = (values: FormValues) => {
    const id = editing && editing !== 'new' ? editing.id : undefined
    save.mutate(
      { ...(id ? { id } : {}), body: { ...values, queueId: values.queueId ?? null } },
      {
        onSuccess: () => {
          void message.success(t('faq.manage.saved'))
          setEditing(undefined)
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )
  }

  const topicOptions = (queues.data?.items ?? []).map((queue) => ({ value: queue.id, label: name(queue) }))

  return (
    <div data-testid="faq-manage-page">
      <PageHead
        title={t('faq.manage.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="faq-add">
            {t('faq.manage.add')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          value={typed}
          placeholder={t('faq.manage.filterSearch')}
          onChange={(event) => setTyped(event.target.value)}
          style={{ width: 240 }}
          data-testid="faq-filter-q"
        />
        <Select
          allowClear
          placeholder={t('faq.manage.topic')}
          options={topicOptions}
          value={queueId}
          onChange={setQueueId}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('faq.manage.status')}
          value={status}
          onChange={setStatus}
          options={referenceDesk.FAQ_STATUSES.map((value) => ({ value, label: t(`faq.manage.${value}`) }))}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder={t('faq.manage.visibility')}
          value={visibility}
          onChange={setVisibility}
          options={referenceDesk.FAQ_VISIBILITIES.map((value) => ({
            value,
            label: t(`faq.manage.${value}`),
          }))}
          style={{ width: 120 }}
        />
      </Space>
      {list.isError && <PageError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<Article>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(article) => ({ onClick: () => open(article), style: { cursor: 'pointer' } })}
        data-testid="faq-table"
        columns={[
          { title: t('faq.manage.questionZh'), dataIndex: 'questionZh' },
          {
            title: t('faq.manage.topic'),
            render: (_, article) => (article.topic ? name(article.topic) : t('faq.manage.noTopic')),
            width: 140,
          },
          {
            title: t('faq.manage.status'),
            render: (_, article) => (
              <Tag color={article.status === 'published' ? 'green' : 'default'}>
                {t(`faq.manage.${article.status}`)}
              </Tag>
            ),
            width: 100,
          },
          {
            title: t('faq.manage.visibility'),
            render: (_, article) => t(`faq.manage.${article.visibility}`),
            width: 100,
          },
          { title: t('faq.manage.position'), dataIndex: 'position', width: 70 },
        ]}
      />
      <Drawer
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing === 'new' ? t('faq.manage.add') : t('faq.manage.edit')}
        width={560}
        destroyOnHidden
        extra={
          editing &&
          editing !== 'new' && (
            <Popconfirm
              title={t('faq.manage.deleteConfirm')}
              onConfirm={() =>
                remove.mutate(editing.id, {
                  onSuccess: () => {
                    void message.success(t('faq.manage.deleted'))
                    setEditing(undefined)
                  },
                  onError: (error) => void message.error(errorText(error)),
                })
              }
            >
              <Button danger data-testid="faq-delete">
                {t('faq.manage.delete')}
              </Button>
            </Popconfirm>
          )
        }
      >
        <Form form={form} layout="vertical" onFinish={onSave} data-testid="faq-form">
          <Form.Item name="queueId" label={t('faq.manage.topic')}>
            <Select allowClear options={topicOptions} placeholder={t('faq.manage.noTopic')} />
          </Form.Item>
          <Form.Item
            name="questionZh"
            label={t('faq.manage.questionZh')}
            rules={[{ required: true, max: 200 }]}
          >
            <Input maxLength={200} data-testid="faq-form-question-zh" />
          </Form.Item>
          <Form.Item name="answerZh" label={t('faq.manage.answerZh')} rules={[{ required: true, max: 4000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="faq-form-answer-zh" />
          </Form.Item>
          <Form.Item name="questionEn" label={t('faq.manage.questionEn')} rules={[{ max: 300 }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="answerEn" label={t('faq.manage.answerEn')} rules={[{ max: 8000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
          </Form.Item>
          <Space wrap size={24}>
            <Form.Item name="status" label={t('faq.manage.status')}>
              <Radio.Group
                optionType="button"
                options={referenceDesk.FAQ_STATUSES.map((value) => ({
                  value,
                  label: t(`faq.manage.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="visibility" label={t('faq.manage.visibility')}>
              <Radio.Group
                optionType="button"
                options={referenceDesk.FAQ_VISIBILITIES.map((value) => ({
                  value,
                  label: t(`faq.manage.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="position" label={t('faq.manage.position')}>
              <InputNumber min={0} max={1000} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="faq-form-submit">
            {t('faq.manage.save')}
          </Button>
        </Form>
      </Drawer>
    </div>
  )
}
