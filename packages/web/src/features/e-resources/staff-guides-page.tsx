import { CopyOutlined, EyeOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, Select, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { copyText } from './clipboard.ts'
import { isDisciplineCode } from './e-resources-logic.ts'
import { GuideDrawer } from './guide-drawer.tsx'
import { GuideStatusTag, useDisciplineName, useShortAddress } from './guide-parts.tsx'
import { type GuideStatus, type GuideSummary, useGuideStatus, useGuides } from './guides-queries.ts'
import { useSubjectOptions } from './resource-parts.tsx'
import { StaffTabs } from './staff-tabs.tsx'
import './e-resources.css'

/** 学科导航 (staff): every guide of the library, to write, reorder, publish or take back. */
export const StaffGuidesPage = () => {
  const { t } = useTranslation(['eResources', 'common'])
  usePageTitle(t('guides.title'))
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const subjects = useSubjectOptions()
  const discipline = useDisciplineName()
  const address = useShortAddress()
  const [search, setSearch] = useSearchParams()
  const subject = isDisciplineCode(search.get('subject')) ? (search.get('subject') ?? undefined) : undefined
  const list = useGuides({ discipline: subject })
  const rows = list.data?.items ?? []
  const changeStatus = useGuideStatus()
  const [editing, setEditing] = useState<{ open: boolean; code?: string | undefined }>({ open: false })

  const copy = async (code: string) => {
    const text = address(code)
    if (await copyText(text)) void message.success(t('guidesStaff.copied', { address: text }))
    else void message.warning(t('guidesStaff.copyFailed', { address: text }))
  }

  const confirmStatus = (guide: GuideSummary, status: GuideStatus) =>
    modal.confirm({
      title: t(`guidesStaff.confirm.${status}.title`, { name: guide.titleZh }),
      content: (
        <>
          <p style={{ margin: 0 }}>
            {t(`guidesStaff.confirm.${status}.text`, { address: address(guide.code) })}
          </p>
          {status === 'published' && guide.resources === 0 && (
            <Typography.Text type="warning">{t('guidesStaff.emptyPublish')}</Typography.Text>
          )}
        </>
      ),
      okText: status === 'published' ? t('guidesStaff.publish') : t('guidesStaff.unpublish'),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      onOk: () =>
        changeStatus
          .mutateAsync({ guideId: guide.id, status })
          .then((saved) =>
            message.success(
              t('guidesStaff.statusChanged', {
                name: saved.titleZh,
                status: t(`guidesStaff.status.${saved.status}`),
              }),
            ),
          )
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  const add = (testId: string) => (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setEditing({ open: true })}
      data-testid={testId}
    >
      {t('guidesStaff.add')}
    </Button>
  )

  return (
    <div data-testid="staff-guides-page">
      <PageHead title={t('staff.title')} intro={t('guidesStaff.intro')} extra={add('guide-add')} />
      <StaffTabs current="/staff/resources/guides" />
      <Card size="small">
        <div className="sq-filters">
          <Select
            allowClear
            placeholder={t('guidesStaff.column.discipline')}
            aria-label={t('guidesStaff.column.discipline')}
            value={subject}
            onChange={(value: string | undefined) =>
              setSearch(value ? { subject: value } : {}, { replace: true })
            }
            options={subjects}
            style={{ width: 160 }}
            data-testid="guides-filter-discipline"
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            loading={list.isFetching && !list.isPending}
            aria-label={t('common:action.refresh')}
            title={t('common:action.refresh')}
          />
        </div>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff/resources" />
        ) : (
          <Table<GuideSummary>
            rowKey="id"
            size="middle"
            loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 1000 }}
            data-testid="guides-table"
            locale={{
              emptyText: subject ? (
                <EmptyHint text={t('guides.emptyFiltered')} />
              ) : (
                <EmptyHint text={t('guidesStaff.empty')} action={add('guide-add-empty')} />
              ),
            }}
            columns={[
              {
                title: t('guidesStaff.column.title'),
                key: 'title',
                render: (_, row) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Link
                      strong
                      onClick={() => setEditing({ open: true, code: row.code })}
                      data-testid="guide-open"
                    >
                      {row.titleZh}
                    </Typography.Link>
                    {row.titleEn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.titleEn}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('guidesStaff.column.discipline'),
                dataIndex: 'discipline',
                width: 120,
                render: (code: string | null) =>
                  discipline(code) ?? (
                    <Typography.Text type="secondary">{t('guidesStaff.topic')}</Typography.Text>
                  ),
              },
              {
                title: t('guidesStaff.column.status'),
                dataIndex: 'status',
                width: 100,
                render: (status: GuideStatus) => <GuideStatusTag status={status} />,
              },
              {
                title: t('guidesStaff.column.resources'),
                dataIndex: 'resources',
                width: 80,
                align: 'right',
                render: (count: number) => <span data-testid="guide-resources">{count}</span>,
              },
              {
                title: t('guidesStaff.column.visits'),
                dataIndex: 'visits',
                width: 100,
                align: 'right',
                render: (count: number) => <span data-testid="guide-visits">{count}</span>,
              },
              {
                title: t('guidesStaff.column.address'),
                key: 'address',
                width: 230,
                render: (_, row) => (
                  <Space size={4}>
                    <Typography.Text className="sq-res-input" data-testid="guide-address">
                      /g/{row.code}
                    </Typography.Text>
                    <Button
                      size="small"
                      type="text"
                      icon={<CopyOutlined />}
                      onClick={() => void copy(row.code)}
                      aria-label={t('guidesStaff.copy')}
                      title={t('guidesStaff.copy')}
                      data-testid="guide-copy"
                    />
                  </Space>
                ),
              },
              {
                title: t('common:table.actions'),
                key: 'actions',
                width: 230,
                render: (_, row) => (
                  <Space size={4} wrap>
                    <Button
                      size="small"
                      onClick={() => setEditing({ open: true, code: row.code })}
                      data-testid="guide-edit"
                    >
                      {t('common:action.edit')}
                    </Button>
                    {row.status === 'draft' ? (
                      <Button
                        size="small"
                        type="primary"
                        ghost
                        onClick={() => confirmStatus(row, 'published')}
                        data-testid="guide-publish"
                      >
                        {t('guidesStaff.publish')}
                      </Button>
                    ) : (
                      <Button
                        size="small"
                        onClick={() => confirmStatus(row, 'draft')}
                        data-testid="guide-unpublish"
                      >
                        {t('guidesStaff.unpublish')}
                      </Button>
                    )}
                    <Button
                      size="small"
                      type="text"
                      icon={<EyeOutlined />}
                      href={`/guides/${row.code}`}
                      target="_blank"
                      rel="noopener"
                      aria-label={t('guidesStaff.view')}
                      title={t('guidesStaff.view')}
                      data-testid="guide-view"
                    />
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <GuideDrawer open={editing.open} code={editing.code} onClose={() => setEditing({ open: false })} />
    </div>
  )
}
