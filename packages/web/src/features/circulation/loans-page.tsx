import type { loans } from '@shuqiao/contracts'
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { isConsortiumAdmin } from '../../app/access.ts'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useCatalogueSearch } from '../catalogue/queries.ts'
import { useLibraries } from '../session/queries.ts'
import { CirculationTabs } from './circulation-tabs.tsx'
import { DueDay } from './loan-parts.tsx'
import { LoansFilters, useLoanParams } from './loans-filters.tsx'
import { useLoans } from './queries.ts'
import { useLibraryToday } from './use-library-today.ts'
import './circulation.css'

type Loan = loans.Loan

/** 借阅记录: the library's loans by due date, filtered, a page at a time. */
export const LoansPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('loans.title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const libraries = useLibraries()
  const name = useBilingual()
  const params = useLoanParams()
  const libraryId = consortium ? (params.library ?? libraries.data?.items[0]?.id) : me.library?.id
  const today = useLibraryToday(libraryId)
  const ready = !consortium || !!libraryId
  const list = useLoans({ ...params.filters, libraryId: consortium ? libraryId : undefined }, ready)
  const shelves = useCatalogueSearch(
    { libraryId: consortium ? libraryId : undefined },
    { pageSize: 1, enabled: ready },
  )
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const filtered = Object.values(params.filters).some((value) => value !== undefined && value !== 'open')

  return (
    <div data-testid="loans-page">
      <PageHead
        title={t('loans.title')}
        intro={t('loans.intro')}
        extra={
          consortium && (
            <Select
              value={libraryId}
              onChange={(id: string) => params.change({ library: id, location: undefined })}
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              style={{ minWidth: 240 }}
              aria-label={t('loans.pickLibrary')}
              data-testid="loans-library-picker"
            />
          )
        }
      />
      <CirculationTabs current="/staff/circulation/loans" />
      <Card size="small">
        <LoansFilters
          locations={shelves.data?.pages[0]?.locations ?? []}
          onRefresh={() => void list.refetch()}
          refreshing={list.isFetching && !list.isFetchingNextPage && !list.isPending}
        />
        {!ready ? (
          <EmptyHint text={t('loans.chooseLibrary')} />
        ) : list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
        ) : (
          <>
            <Table<Loan>
              rowKey="id"
              size="middle"
              loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 1100 }}
              data-testid="loans-table"
              locale={{
                emptyText: <EmptyHint text={filtered ? t('loans.emptyFiltered') : t('loans.empty')} />,
              }}
              columns={[
                {
                  title: t('loans.item'),
                  key: 'item',
                  width: 280,
                  render: (_, loan) => (
                    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                      <span className="sq-circ-title">{loan.item.title}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {loan.item.barcode}
                        {loan.item.callNumber ? ` · ${loan.item.callNumber}` : ''}
                        {loan.item.location ? ` · ${loan.item.location}` : ''}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('loans.borrower'),
                  key: 'reader',
                  width: 180,
                  render: (_, loan) => (
                    <Space orientation="vertical" size={0}>
                      <span>{loan.reader.name}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {loan.reader.readerNumber} · {t(`readerType.${loan.reader.type}`)}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('loans.checkedOut'),
                  dataIndex: 'checkedOutAt',
                  width: 170,
                  render: (at: string) => <time dateTime={at}>{formatDateTime(at)}</time>,
                },
                {
                  title: t('loans.dueAt'),
                  key: 'due',
                  width: 170,
                  render: (_, loan) => <DueDay loan={loan} today={today} />,
                },
                { title: t('loans.renewals'), dataIndex: 'renewals', width: 80 },
                {
                  title: t('loans.returnedAt'),
                  dataIndex: 'returnedAt',
                  width: 170,
                  render: (at: string | null) =>
                    at ? <time dateTime={at}>{formatDateTime(at)}</time> : <Tag>{t('loans.stateOpen')}</Tag>,
                },
              ]}
            />
            <div className="sq-load-more">
              {list.hasNextPage ? (
                <Button
                  onClick={() => void list.fetchNextPage()}
                  loading={list.isFetchingNextPage}
                  data-testid="loans-load-more"
                >
                  {t('common:action.loadMore')}
                </Button>
              ) : (
                rows.length > 0 && (
                  <Typography.Text type="secondary">
                    {t('common:table.allShown', { count: rows.length })}
                  </Typography.Text>
                )
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  )
}
