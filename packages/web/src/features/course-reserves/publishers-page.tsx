import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { SearchBox } from '../../app/search-box.tsx'
import { searchChanger } from '../../app/search-params.ts'
import { publisherState, suppliedShare } from './fulfilment-logic.ts'
import { type Publisher, usePublishers } from './fulfilment-queries.ts'
import { PublisherDrawer, PublisherFormDrawer } from './publisher-drawer.tsx'
import { SectionNav } from './section-nav.tsx'
import './course-reserves.css'

/**
 * The publishers the library asks for course titles: each with its contact person and figures
 * (titles, asked, supplied, pending, refused), filtered by name and by where the asking stands;
 * a publisher opens with its contact log and titles.
 */
export const PublishersPage = () => {
  const { t } = useTranslation(['courseReserves', 'common'])
  usePageTitle(t('publishers.title'))
  const [search, setSearch] = useSearchParams()
  const change = searchChanger(setSearch)
  const filters = { q: search.get('q') ?? undefined, state: publisherState(search.get('state')) }
  const [adding, setAdding] = useState(false)
  const openId = search.get('publisher') ?? undefined
  const list = usePublishers(filters)
  const totals = list.data?.totals

  return (
    <div data-testid="publishers-page">
      <PageHead
        title={t('publishers.title')}
        intro={t('publishers.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="publisher-add"
          >
            {t('publishers.add')}
          </Button>
        }
      />
      <SectionNav current="publishers" />
      <Card size="small">
        {totals && (
          <div className="sq-cr-figures" data-testid="publishers-totals">
            <Tag data-figure="titles">{t('publishers.figures.titles', { count: totals.titles })}</Tag>
            <Tag color="processing" data-figure="asked">
              {t('publishers.figures.asked', { count: totals.asked })}
            </Tag>
            <Tag color="success" data-figure="supplied">
              {t('publishers.figures.supplied', { count: totals.supplied })}
            </Tag>
            <Tag color="warning" data-figure="pending">
              {t('publishers.figures.pending', { count: totals.pending })}
            </Tag>
            <Tag color="error" data-figure="refused">
              {t('publishers.figures.refused', { count: totals.refused })}
            </Tag>
          </div>
        )}
        <div className="sq-filters">
          <SearchBox
            applied={filters.q}
            onApply={(q) => change({ q })}
            label={t('publishers.search')}
            maxLength={100}
            width={220}
            testId="publishers-search"
          />
          <Select
            allowClear
            placeholder={t('publishers.state')}
            aria-label={t('publishers.state')}
            value={filters.state}
            onChange={(state: string | undefined) => change({ state })}
            options={(['pending', 'contacted', 'never'] as const).map((state) => ({
              value: state,
              label: t(`publishers.state_${state}`),
            }))}
            style={{ width: 180 }}
            data-testid="publishers-filter-state"
          />
        </div>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
        ) : (
          <Table<Publisher>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 800 }}
            data-testid="publishers-table"
            locale={{ emptyText: <EmptyHint text={t('publishers.empty')} /> }}
            onRow={(row) => ({ onClick: () => change({ publisher: row.id }), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('publishers.name'),
                key: 'name',
                render: (_, row) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Link data-testid="publisher-open">{row.name}</Typography.Link>
                    {row.contactPerson && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[row.contactPerson, row.phone, row.email].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              ...(['titles', 'asked', 'supplied', 'pending', 'refused'] as const).map((key) => ({
                title: t(`publishers.column.${key}`),
                key,
                width: 80,
                align: 'right' as const,
                render: (_: unknown, row: Publisher) => <span data-figure={key}>{row.figures[key]}</span>,
              })),
              {
                title: t('publishers.column.share'),
                key: 'share',
                width: 90,
                align: 'right' as const,
                render: (_, row) => suppliedShare(row.figures),
              },
              {
                title: t('publishers.column.last'),
                key: 'last',
                width: 150,
                render: (_, row) =>
                  row.lastContact ? (
                    <span>
                      {t(`publishers.kind_${row.lastContact.kind}`)} · {row.lastContact.date}
                    </span>
                  ) : (
                    <Typography.Text type="secondary">{t('publishers.never')}</Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <PublisherFormDrawer open={adding} onClose={() => setAdding(false)} />
      <PublisherDrawer publisherId={openId} onClose={() => change({ publisher: undefined })} />
    </div>
  )
}
