import { PlusOutlined } from '@ant-design/icons'
import { referenceDesk } from '@shuqiao/contracts'
import { App as AntApp, Button, Drawer, Form, Input, Popconfirm, Radio, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useCannedReplies, useDeleteCannedReply, useSaveCannedReply } from './canned-replies.queries.ts'

type Reply = referenceDesk.CannedReply
type Scope = (typeof referenceDesk.CANNED_SCOPES)[number]

interface FormValues {
  scope: Scope
  code: string
  title: string
  body: string
}

/** 快捷回复: the library's replies and my own, each with the short code typed as `/code` in a chat. */
export const CannedRepliesPage = () => {
  const { t } = useTranslation(['roster', 'common'])
  usePageTitle(t('canned.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const me = useSignedIn()
  const isAdmin = me.roles.includes('library_admin')
  const list = useCannedReplies()
  const save = useSaveCannedReply()
  const remove = useDeleteCannedReply()
  const [editing, setEditing] = useState<Reply | 'new'>()
  const [form] = Form.useForm<FormValues>()

  const open = (reply: Reply | 'new') => {
    if (reply !== 'new' && !reply.editable) return
    setEditing(reply)
    form.resetFields()
    form.setFieldsValue(
      reply === 'new'
        ? { scope: 'personal', code: '', title: '', body: '' }
        : { scope: reply.scope, code: reply.code, title: reply.title, body: reply.body },
    )
  }

  const onSave = (values: FormValues) => {
    const id = editing && editing !== 'new' ? editing.id : undefined
    save.mutate(
      { ...(id ? { id } : {}), body: values },
      {
        onSuccess: () => {
          void message.success(t('canned.saved'))
          setEditing(undefined)
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )
  }

  return (
    <div data-testid="canned-page">
      <PageHead
        title={t('canned.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="canned-add">
            {t('canned.add')}
          </Button>
        }
      />
      {!isAdmin && (
        <Typography.Paragraph type="secondary">{t('canned.libraryOnlyAdmins')}</Typography.Paragraph>
      )}
      {list.isError && <PageError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<Reply>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(reply) => ({
          onClick: () => open(reply),
          style: { cursor: reply.editable ? 'pointer' : 'default' },
        })}
        data-testid="canned-table"
        locale={{ emptyText: <EmptyHint text={t('canned.empty')} /> }}
        columns={[
          { title: t('canned.code'), render: (_, reply) => <code>/{reply.code}</code>, width: 120 },
          { title: t('canned.titleField'), dataIndex: 'title', width: 160 },
          { title: t('canned.body'), dataIndex: 'body', ellipsis: true },
          {
            title: t('canned.scope'),
            render: (_, reply) => (
              <Tag color={reply.scope === 'library' ? 'blue' : 'default'}>{t(`canned.${reply.scope}`)}</Tag>
            ),
            width: 100,
          },
        ]}
      />
      <Drawer
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing === 'new' ? t('canned.add') : t('canned.edit')}
        width={480}
        destroyOnHidden
        extra={
          editing &&
          editing !== 'new' && (
            <Popconfirm
              title={t('canned.deleteConfirm')}
              onConfirm={() =>
                remove.mutate(editing.id, {
                  onSuccess: () => {
                    void message.success(t('canned.deleted'))
                    setEditing(undefined)
                  },
                  onError: (error) => void message.error(errorText(error)),
                })
              }
            >
              <Button danger data-testid="canned-delete">
                {t('canned.delete')}
              </Button>
            </Popconfirm>
          )
        }
      >
        <Form form={form} layout="vertical" onFinish={onSave} data-testid="canned-form">
          {editing === 'new' && isAdmin && (
            <Form.Item name="scope" label={t('canned.scope')}>
              <Radio.Group
                optionType="button"
                options={referenceDesk.CANNED_SCOPES.map((value) => ({ value, label: t(`canned.${value}`) }))}
                data-testid="canned-form-scope"
              />
            </Form.Item>
          )}
          <Form.Item
            name="code"
            label={t('canned.code')}
            extra={t('canned.codeHelp')}
            rules={[{ required: true, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,19}$/ }]}
          >
            <Input prefix="/" maxLength={20} data-testid="canned-form-code" />
          </Form.Item>
          <Form.Item name="title" label={t('canned.titleField')} rules={[{ required: true, max: 60 }]}>
            <Input maxLength={60} data-testid="canned-form-title" />
          </Form.Item>
          <Form.Item name="body" label={t('canned.body')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="canned-form-body" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="canned-form-submit">
            {t('canned.save')}
          </Button>
        </Form>
      </Drawer>
    </div>
  )
}
