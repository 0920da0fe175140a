import { PlusOutlined } from '@ant-design/icons'
import { libraries } from '@shuqiao/contracts'
import { App as AntApp, Button, Card, Descriptions, Form, Modal, Select, Table, Tabs, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { CalendarPanel } from './calendar-panel.tsx'
import { DepartmentsPanel } from './departments-panel.tsx'
import { LibraryFields, type LibraryValues } from './library-form.tsx'
import { useCreateLibrary, useUpdateLibrary } from './queries.ts'
import { WeekdayTags } from './weekdays.tsx'

type Tab = 'all' | 'info' | 'calendar' | 'departments'

const InfoPanel = ({ library, canEdit }: { library: libraries.Library; canEdit: boolean }) => {
  const { t } = useTranslation(['libraries', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const update = useUpdateLibrary()
  const [form] = Form.useForm<LibraryValues>()

  useEffect(() => {
    form.setFieldsValue(library)
  }, [form, library])

  if (!canEdit)
    return (
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'code', label: t('field.code'), children: library.code },
            { key: 'nameZh', label: t('field.nameZh'), children: library.nameZh },
            { key: 'nameEn', label: t('field.nameEn'), children: library.nameEn },
            { key: 'zone', label: t('field.timeZone'), children: library.timeZone },
            {
              key: 'weekdays',
              label: t('field.openWeekdays'),
              children: <WeekdayTags days={library.openWeekdays} />,
            },
          ]}
        />
      </Card>
    )

  return (
    <Card size="small" style={{ maxWidth: 640 }}>
      <Typography.Paragraph type="secondary">{t('info.code', { code: library.code })}</Typography.Paragraph>
      <Form<LibraryValues>
        form={form}
        name="library-edit"
        layout="vertical"
        initialValues={library}
        onFinish={(values) =>
          update.mutate(
            {
              libraryId: library.id,
              body: {
                nameZh: values.nameZh.trim(),
                nameEn: values.nameEn.trim(),
                timeZone: values.timeZone,
                openWeekdays: values.openWeekdays ?? [],
              },
            },
            {
              onSuccess: () => void message.success(t('info.saved')),
              onError: (error) => {
                if (!applyFieldErrors(form, error)) void message.error(errorText(error))
              },
            },
          )
        }
      >
        <LibraryFields withCode={false} />
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="library-save">
          {t('common:action.save')}
        </Button>
      </Form>
    </Card>
  )
}

const CreateLibraryModal = ({ open, onClose }: { open: boolean; onClose: (createdId?: string) => void }) => {
  const { t } = useTranslation(['libraries', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const create = useCreateLibrary()
  const [form] = Form.useForm<LibraryValues>()
  return (
    <Modal
      open={open}
      title={t('create.title')}
      okText={t('create.submit')}
      cancelText={t('common:action.cancel')}
      confirmLoading={create.isPending}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'library-create-submit' }}
    >
      <Form<LibraryValues>
        form={form}
        name="library-create"
        layout="vertical"
        preserve={false}
        initialValues={{ timeZone: 'Asia/Shanghai', openWeekdays: [1, 2, 3, 4, 5, 6, 7] }}
        onFinish={(values) =>
          create.mutate(
            {
              code: values.code.trim(),
              nameZh: values.nameZh.trim(),
              nameEn: values.nameEn.trim(),
              timeZone: values.timeZone,
              openWeekdays: values.openWeekdays ?? [],
            },
            {
              onSuccess: (library) => {
                void message.success(t('create.done', { name: library.nameZh }))
                onClose(library.id)
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error)) void message.error(errorText(error))
              },
            },
          )
        }
      >
        <LibraryFields withCode />
      </Form>
    </Modal>
  )
}

/** Libraries, their opening calendar and their departments. */
export const LibrariesPage = () => {
  const { t } = useTranslation(['libraries', 'common'])
  usePageTitle(t('title'))
  const me = useSignedIn()
  const list = useLibraries()
  const name = useBilingual()
  const [params, setParams] = useSearchParams()
  const [creating, setCreating] = useState(false)
  const consortium = isConsortiumAdmin(me)
  const visible = consortium
    ? (list.data?.items ?? [])
    : (list.data?.items ?? []).filter((library) => library.id === me.library?.id)
  const libraryId = params.get('library') ?? me.library?.id ?? visible[0]?.id
  const library = visible.find((item) => item.id === libraryId) ?? visible[0]
  const tabs: Tab[] = consortium
    ? ['all', 'info', 'calendar', 'departments']
    : ['info', 'calendar', 'departments']
  const requested = params.get('tab') as Tab | null
  const tab: Tab =
    requested && tabs.includes(requested) ? requested : params.get('library') ? 'info' : tabs[0]!
  const canEdit = mayCall(me, libraries.updateLibrary)

  const go = (next: { tab?: Tab; library?: string }) => {
    const search = new URLSearchParams(params)
    if (next.tab) search.set('tab', next.tab)
    if (next.library) search.set('library', next.library)
    setParams(search, { replace: true })
  }

  if (list.isPending) return <PageLoading />
  if (list.isError)
    return <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />

  const picker =
    consortium && tab !== 'all' ? (
      <Select
        value={library?.id}
        onChange={(id) => go({ library: id })}
        options={visible.map((item) => ({ value: item.id, label: name(item) }))}
        style={{ minWidth: 240 }}
        aria-label={t('pickLibrary')}
        data-testid="library-picker"
        showSearch={{ optionFilterProp: 'label' }}
      />
    ) : null

  const allLibraries = (
    <Card size="small">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={visible}
        data-testid="libraries-table"
        locale={{ emptyText: <EmptyHint text={t('emptyAll')} /> }}
        columns={[
          { title: t('field.code'), dataIndex: 'code', width: 120 },
          { title: t('field.nameZh'), dataIndex: 'nameZh' },
          { title: t('field.nameEn'), dataIndex: 'nameEn' },
          { title: t('field.timeZone'), dataIndex: 'timeZone', width: 150 },
          {
            title: t('field.openWeekdays'),
            key: 'weekdays',
            render: (_, item) => <WeekdayTags days={item.openWeekdays} />,
          },
          {
            title: t('common:table.actions'),
            key: 'actions',
            width: 200,
            render: (_, item) => (
              <span style={{ display: 'inline-flex', gap: 12 }}>
                <Typography.Link onClick={() => go({ tab: 'info', library: item.id })}>
                  {t('common:action.edit')}
                </Typography.Link>
                <Typography.Link onClick={() => go({ tab: 'calendar', library: item.id })}>
                  {t('tab.calendar')}
                </Typography.Link>
              </span>
            ),
          },
        ]}
      />
    </Card>
  )

  return (
    <div data-testid="libraries-page">
      <PageHead
        title={t('title')}
        intro={t('intro')}
        extra={
          consortium && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="library-add"
            >
              {t('create.open')}
            </Button>
          )
        }
      />
      {!library && tab !== 'all' ? (
        <EmptyHint text={t('noLibrary')} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(key) => go({ tab: key as Tab })}
          tabBarExtraContent={picker}
          destroyOnHidden
          items={tabs.map((key) => ({
            key,
            label: <span data-testid={`libraries-tab-${key}`}>{t(`tab.${key}`)}</span>,
            children:
              key === 'all' ? (
                allLibraries
              ) : !library ? null : key === 'info' ? (
                <InfoPanel library={library} canEdit={canEdit} />
              ) : key === 'calendar' ? (
                <CalendarPanel library={library} canEdit={canEdit} />
              ) : (
                <DepartmentsPanel library={library} canEdit={canEdit} />
              ),
          }))}
        />
      )}
      <CreateLibraryModal
        open={creating}
        onClose={(createdId) => {
          setCreating(false)
          if (createdId) go({ tab: 'info', library: createdId })
        }}
      />
    </div>
  )
}
