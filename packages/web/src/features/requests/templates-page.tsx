import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons'
import {
  App as AntApp,
  Button,
  Card,
  Grid,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { isConsortiumAdmin } from '../../app/access.ts'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { type ReplyTemplate, useDeleteReplyTemplate, useReplyTemplates } from './queries.ts'
import { staffSteps, useAppliesTo } from './reply-template-parts.tsx'
import { REQUEST_TYPES, requestTypeOf, useText } from './request-types.ts'
import { TemplateModal } from './template-modal.tsx'
import './requests.css'
import { searchChanger } from '../../app/search-params.ts'

type Owner = 'all' | 'library' | 'mine'

/** A library's reply templates (回复模板) and the librarian's own: find, write, change, remove. */
export const TemplatesPage = () => {
  const { t } = useTranslation(['templates', 'requests', 'common'])
  usePageTitle(t('title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const text = useText()
  const name = useBilingual()
  const appliesTo = useAppliesTo()
  const libraries = useLibraries()
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const wide = Grid.useBreakpoint().md ?? true
  const [params, setParams] = useSearchParams()
  const type = requestTypeOf(params.get('type') ?? '') ? (params.get('type') ?? undefined) : undefined
  const action = type && params.get('action') ? (params.get('action') ?? undefined) : undefined
  const owner = (
    ['library', 'mine'].includes(params.get('owner') ?? '') ? params.get('owner') : 'all'
  ) as Owner
  const libraryId = params.get('library') ?? undefined
  const [search, setSearch] = useState('')
  const list = useReplyTemplates({
    type,
    action,
    owner: owner === 'all' ? undefined : owner,
    libraryId,
  })
  const remove = useDeleteReplyTemplate()
  const [editing, setEditing] = useState<{ open: boolean; template?: ReplyTemplate | undefined }>({
    open: false,
  })
  const filtered = [...params.keys()].length > 0 || search.trim() !== ''

  const change = searchChanger(setParams)

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase()
    const items = list.data?.items ?? []
    if (!needle) return items
    return items.filter((item) =>
      [item.titleZh, item.titleEn, item.bodyZh, item.bodyEn].some((value) =>
        value?.toLowerCase().includes(needle),
      ),
    )
  }, [list.data, search])

  const confirmDelete = (template: ReplyTemplate) =>
    modal.confirm({
      title: t('deleteConfirmTitle', { title: template.titleZh }),
      content: t('deleteConfirmText'),
      okText: t('delete'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      onOk: () =>
        remove
          .mutateAsync(template.id)
          .then(() => void message.success(t('deleted', { title: template.titleZh })))
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  const create = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setEditing({ open: true })}
      data-testid="template-add"
    >
      {t('add')}
    </Button>
  )

  return (
    <div data-testid="templates-page">
      <LinkButton to="/staff/requests" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('requests:queue.title')}
      </LinkButton>
      <PageHead title={t('title')} intro={t('intro')} extra={create} />
      <Card size="small">
        <div className="sq-filters" data-testid="templates-filters">
          <Input.Search
            allowClear
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('filter.search')}
            aria-label={t('filter.search')}
            style={{ width: 220 }}
            data-testid="templates-search"
          />
          {consortium && (
            <Select
              allowClear
              placeholder={t('filter.library')}
              aria-label={t('filter.library')}
              value={libraryId}
              onChange={(library: string | undefined) => change({ library })}
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              style={{ width: 200 }}
              data-testid="templates-filter-library"
            />
          )}
          <Select
            allowClear
            placeholder={t('filter.type')}
            aria-label={t('filter.type')}
            value={type}
            onChange={(value: string | undefined) => change({ type: value, action: undefined })}
            options={REQUEST_TYPES.map((option) => ({ value: option.code, label: text(option.name) }))}
            style={{ width: 150 }}
            data-testid="templates-filter-type"
          />
          <Select
            allowClear
            placeholder={type ? t('filter.action') : t('filter.actionPickType')}
            aria-label={t('filter.action')}
            disabled={!type}
            value={action}
            onChange={(value: string | undefined) => change({ action: value })}
            options={staffSteps(type).map((step) => ({ value: step.action, label: text(step.label) }))}
            style={{ width: 170 }}
            data-testid="templates-filter-action"
          />
          <Segmented<Owner>
            value={owner}
            onChange={(value) => change({ owner: value === 'all' ? undefined : value })}
            options={[
              { value: 'all', label: t('filter.ownerAll') },
              { value: 'library', label: t('shared') },
              { value: 'mine', label: t('personal') },
            ]}
            aria-label={t('filter.owner')}
            data-testid="templates-filter-owner"
          />
          {filtered && (
            <Button
              onClick={() => {
                setSearch('')
                setParams({}, { replace: true })
              }}
            >
              {t('filter.clear')}
            </Button>
          )}
        </div>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff/requests" />
        ) : (
          <Table<ReplyTemplate>
            rowKey="id"
            size="middle"
            loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: consortium ? 1140 : 980 }}
            data-testid="templates-table"
            locale={{
              emptyText: (
                <EmptyHint
                  text={filtered ? t('emptyFiltered') : t('empty')}
                  action={filtered ? undefined : create}
                />
              ),
            }}
            columns={[
              {
                title: t('column.title'),
                key: 'title',
                width: 200,
                render: (_, row) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>{row.titleZh}</Typography.Text>
                    {row.titleEn ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.titleEn}
                      </Typography.Text>
                    ) : (
                      <Tag style={{ marginTop: 2 }}>{t('noEnglish')}</Tag>
                    )}
                  </Space>
                ),
              },
              ...(consortium
                ? [
                    {
                      title: t('filter.library'),
                      key: 'library',
                      width: 160,
                      render: (_: unknown, row: ReplyTemplate) =>
                        name(libraries.data?.items.find((library) => library.id === row.libraryId)),
                    },
                  ]
                : []),
              {
                title: t('column.appliesTo'),
                key: 'appliesTo',
                width: 190,
                render: (_, row) => appliesTo(row),
              },
              {
                title: t('column.owner'),
                key: 'owner',
                width: 100,
                render: (_, row) =>
                  row.personal ? (
                    <Tag color="purple">{t('personal')}</Tag>
                  ) : (
                    <Tag color="cyan">{t('shared')}</Tag>
                  ),
              },
              {
                title: t('column.body'),
                dataIndex: 'bodyZh',
                render: (body: string) => (
                  <Typography.Paragraph
                    ellipsis={{ rows: 2, tooltip: body }}
                    style={{ margin: 0, whiteSpace: 'pre-wrap' }}
                  >
                    {body}
                  </Typography.Paragraph>
                ),
              },
              {
                title: t('column.updated'),
                key: 'updated',
                width: 150,
                render: (_, row) => (
                  <Space orientation="vertical" size={0}>
                    <time dateTime={row.updatedAt}>{formatDateTime(row.updatedAt)}</time>
                    {row.updatedBy && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.updatedBy.name}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('common:table.actions'),
                key: 'actions',
                width: 110,
                fixed: wide ? 'right' : undefined,
                render: (_, row) => (
                  <Space size={12}>
                    <Typography.Link
                      onClick={() => setEditing({ open: true, template: row })}
                      data-testid="template-edit"
                    >
                      {t('edit')}
                    </Typography.Link>
                    <Typography.Link
                      type="danger"
                      onClick={() => confirmDelete(row)}
                      data-testid="template-delete"
                    >
                      {t('delete')}
                    </Typography.Link>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <TemplateModal
        open={editing.open}
        template={editing.template}
        libraryId={libraryId ?? me.library?.id}
        chooseLibrary={consortium}
        onClose={() => setEditing({ open: false })}
      />
    </div>
  )
}
