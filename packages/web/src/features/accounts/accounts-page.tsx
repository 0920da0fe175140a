import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { type accounts, READER_TYPES, ROLES } from '@shuqiao/contracts'
import { Button, Card, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isConsortiumAdmin, sortRoles } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { AccountDrawer } from './account-drawer.tsx'
import { ResetPasswordModal, RolesModal } from './account-modals.tsx'
import { type AccountFilters, useAccounts, useDepartmentNames } from './queries.ts'

type Account = accounts.Account

const ROLE_COLOURS: Record<string, string> = {
  reader: 'default',
  librarian: 'blue',
  subject_librarian: 'purple',
  library_admin: 'gold',
  consortium_admin: 'red',
}

/** Find, create and change accounts of the admin's library (or any member library for the consortium admin). */
export const AccountsPage = () => {
  const { t } = useTranslation(['accounts', 'common'])
  usePageTitle(t('title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const name = useBilingual()
  const libraries = useLibraries()
  const [filters, setFilters] = useState<AccountFilters>({})
  // Pinned columns help on a wide screen and crowd out everything else on a phone.
  const wide = Grid.useBreakpoint().md ?? true
  const [search, setSearch] = useState('')
  const list = useAccounts(filters)
  const [drawer, setDrawer] = useState<{ open: boolean; account?: Account | undefined }>({ open: false })
  const [rolesFor, setRolesFor] = useState<Account>()
  const [passwordFor, setPasswordFor] = useState<Account>()

  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const departmentNames = useDepartmentNames(useMemo(() => rows.map((row) => row.libraryId), [rows]))
  const libraryName = (id: string | null) => {
    const library = libraries.data?.items.find((item) => item.id === id)
    return library ? name(library) : t('common:state.none')
  }
  const filtered = Object.values(filters).some((value) => value !== undefined && value !== '')
  const change = (next: Partial<AccountFilters>) => setFilters((current) => ({ ...current, ...next }))

  return (
    <div data-testid="accounts-page">
      <PageHead
        title={t('title')}
        intro={t('intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ open: true })}
            data-testid="account-create-open"
          >
            {t('create')}
          </Button>
        }
      />
      <Card size="small">
        <div className="sq-filters" data-testid="accounts-filters">
          <Input.Search
            allowClear
            value={search}
            onChange={(event) => {
              setSearch(event.target.value)
              if (!event.target.value) change({ q: undefined })
            }}
            onSearch={(value) => change({ q: value.trim() || undefined })}
            placeholder={t('filter.search')}
            aria-label={t('filter.search')}
            style={{ width: 260 }}
            maxLength={100}
            data-testid="accounts-search"
          />
          {consortium && (
            <Select
              allowClear
              placeholder={t('filter.library')}
              aria-label={t('filter.library')}
              value={filters.libraryId}
              onChange={(libraryId) => change({ libraryId })}
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              style={{ width: 220 }}
              data-testid="accounts-filter-library"
            />
          )}
          <Select
            allowClear
            placeholder={t('filter.role')}
            aria-label={t('filter.role')}
            value={filters.role}
            onChange={(role) => change({ role })}
            options={ROLES.map((role) => ({ value: role, label: t(`common:role.${role}`) }))}
            style={{ width: 150 }}
            data-testid="accounts-filter-role"
          />
          <Select
            allowClear
            placeholder={t('filter.type')}
            aria-label={t('filter.type')}
            value={filters.type}
            onChange={(type) => change({ type })}
            options={READER_TYPES.map((type) => ({ value: type, label: t(`common:readerType.${type}`) }))}
            style={{ width: 130 }}
            data-testid="accounts-filter-type"
          />
          <Select
            allowClear
            placeholder={t('filter.status')}
            aria-label={t('filter.status')}
            value={filters.status}
            onChange={(status) => change({ status })}
            options={(['active', 'disabled'] as const).map((status) => ({
              value: status,
              label: t(`status.${status}`),
            }))}
            style={{ width: 130 }}
            data-testid="accounts-filter-status"
          />
          {filtered && (
            <Button
              onClick={() => {
                setSearch('')
                setFilters({})
              }}
            >
              {t('filter.clear')}
            </Button>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            aria-label={t('common:action.refresh')}
            title={t('common:action.refresh')}
          />
        </div>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
        ) : (
          <>
            <Table<Account>
              rowKey="id"
              size="middle"
              loading={list.isPending}
              dataSource={rows}
              pagination={false}
              scroll={{ x: consortium ? 1200 : 1040 }}
              data-testid="accounts-table"
              locale={{
                emptyText: <EmptyHint text={filtered ? t('empty.filtered') : t('empty.none')} />,
              }}
              columns={[
                {
                  title: t('field.readerNumber'),
                  dataIndex: 'readerNumber',
                  width: 130,
                  fixed: wide ? 'start' : undefined,
                  render: (value: string) => (
                    <Typography.Text copyable={{ text: value }}>{value}</Typography.Text>
                  ),
                },
                { title: t('field.name'), dataIndex: 'name', width: 120 },
                ...(consortium
                  ? [
                      {
                        title: t('field.library'),
                        key: 'library',
                        width: 180,
                        render: (_: unknown, row: Account) => libraryName(row.libraryId),
                      },
                    ]
                  : []),
                {
                  title: t('field.type'),
                  dataIndex: 'type',
                  width: 110,
                  render: (type: Account['type']) => t(`common:readerType.${type}`),
                },
                {
                  title: t('field.department'),
                  key: 'department',
                  ellipsis: true,
                  render: (_, row) =>
                    row.departmentId
                      ? name(departmentNames.get(row.departmentId)) || '…'
                      : t('common:state.none'),
                },
                {
                  title: t('field.roles'),
                  dataIndex: 'roles',
                  width: 220,
                  render: (roles: Account['roles']) => (
                    <Space size={[4, 4]} wrap>
                      {sortRoles(roles).map((role) => (
                        <Tag key={role} color={ROLE_COLOURS[role]} style={{ marginInlineEnd: 0 }}>
                          {t(`common:role.${role}`)}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
                {
                  title: t('field.status'),
                  dataIndex: 'status',
                  width: 90,
                  render: (status: Account['status']) => (
                    <Tag color={status === 'active' ? 'success' : 'default'}>{t(`status.${status}`)}</Tag>
                  ),
                },
                {
                  title: t('common:table.actions'),
                  key: 'actions',
                  width: 220,
                  fixed: wide ? 'end' : undefined,
                  render: (_, row) => (
                    <Space size={12}>
                      <Typography.Link
                        onClick={() => setDrawer({ open: true, account: row })}
                        data-testid="account-edit"
                      >
                        {t('common:action.edit')}
                      </Typography.Link>
                      {/* Roles are per library; a consortium-level account has none to set here. */}
                      {row.libraryId && (
                        <Typography.Link onClick={() => setRolesFor(row)} data-testid="account-roles">
                          {t('action.roles')}
                        </Typography.Link>
                      )}
                      <Typography.Link
                        onClick={() => setPasswordFor(row)}
                        data-testid="account-reset-password"
                      >
                        {t('action.resetPassword')}
                      </Typography.Link>
                    </Space>
                  ),
                },
              ]}
            />
            <div className="sq-load-more">
              {list.hasNextPage ? (
                <Button
                  onClick={() => void list.fetchNextPage()}
                  loading={list.isFetchingNextPage}
                  data-testid="accounts-load-more"
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
      <AccountDrawer
        open={drawer.open}
        account={drawer.account}
        chooseLibrary={consortium}
        defaultLibraryId={consortium ? filters.libraryId : (me.library?.id ?? undefined)}
        onClose={() => setDrawer({ open: false })}
      />
      <RolesModal account={rolesFor} onClose={() => setRolesFor(undefined)} />
      <ResetPasswordModal account={passwordFor} onClose={() => setPasswordFor(undefined)} />
    </div>
  )
}
