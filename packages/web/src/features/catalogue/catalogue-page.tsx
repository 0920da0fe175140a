import { ClearOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons'
import { catalogue } from '@shuqiao/contracts'
import { Button, Card, Input, Select, Space, Tabs, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { ImportUploadModal, SampleLink } from './import-upload.tsx'
import { ImportsPanel } from './imports-panel.tsx'
import { ItemsTable } from './items-table.tsx'
import { type ItemFilters, useCatalogueSearch } from './queries.ts'
import './catalogue.css'
import { searchChanger } from '../../app/search-params.ts'

type Status = catalogue.CatalogueItem['status']
type MaterialType = catalogue.CatalogueItem['materialType']

const isStatus = (value: string | null): value is Status =>
  (catalogue.ITEM_STATUSES as readonly (string | null)[]).includes(value)
const isMaterialType = (value: string | null): value is MaterialType =>
  (catalogue.MATERIAL_TYPES as readonly (string | null)[]).includes(value)

/** Filters and tab live in the address, so a link or the back button finds the list as it was. */
const useCatalogueParams = () => {
  const [search, setSearch] = useSearchParams()
  const status = search.get('status')
  const type = search.get('type')
  const change = searchChanger(setSearch)
  return {
    tab: search.get('tab') === 'imports' ? ('imports' as const) : ('items' as const),
    library: search.get('library') ?? undefined,
    q: search.get('q') ?? '',
    status: isStatus(status) ? status : undefined,
    materialType: isMaterialType(type) ? type : undefined,
    location: search.get('location') ?? undefined,
    change,
  }
}

const ItemsPanel = ({
  libraryId,
  needsLibrary,
  canImport,
  onImport,
}: {
  libraryId: string | undefined
  needsLibrary: boolean
  canImport: boolean
  onImport: () => void
}) => {
  const { t } = useTranslation(['catalogue', 'common'])
  const params = useCatalogueParams()
  const [typed, setTyped] = useState(params.q)
  const filters: ItemFilters = {
    q: params.q || undefined,
    status: params.status,
    materialType: params.materialType,
    location: params.location,
    libraryId: needsLibrary ? libraryId : undefined,
  }
  const items = useCatalogueSearch(filters, { enabled: !needsLibrary || !!libraryId })
  const rows = useMemo(() => items.data?.pages.flatMap((page) => page.items) ?? [], [items.data])
  const locations = items.data?.pages[0]?.locations ?? []
  const filtered = Boolean(params.q || params.status || params.materialType || params.location)

  if (needsLibrary && !libraryId) return <EmptyHint text={t('staff.chooseLibrary')} />

  return (
    <>
      <div className="sq-filters" data-testid="catalogue-filters">
        <Input.Search
          allowClear
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value)
            if (!event.target.value) params.change({ q: undefined })
          }}
          onSearch={(value) => params.change({ q: value.trim() || undefined })}
          placeholder={t('staff.search')}
          aria-label={t('staff.search')}
          maxLength={100}
          style={{ width: 320 }}
          data-testid="catalogue-search"
        />
        <Select
          allowClear
          showSearch
          placeholder={t('staff.filterLocation')}
          aria-label={t('staff.filterLocation')}
          value={params.location}
          onChange={(location: string | undefined) => params.change({ location })}
          options={locations.map((location) => ({ value: location, label: location }))}
          style={{ width: 220 }}
          data-testid="catalogue-filter-location"
        />
        <Select
          allowClear
          placeholder={t('staff.filterStatus')}
          aria-label={t('staff.filterStatus')}
          value={params.status}
          onChange={(status: string | undefined) => params.change({ status })}
          options={catalogue.ITEM_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          style={{ width: 140 }}
          data-testid="catalogue-filter-status"
        />
        <Select
          allowClear
          placeholder={t('staff.filterType')}
          aria-label={t('staff.filterType')}
          value={params.materialType}
          onChange={(type: string | undefined) => params.change({ type })}
          options={catalogue.MATERIAL_TYPES.map((type) => ({
            value: type,
            label: t(`materialType.${type}`),
          }))}
          style={{ width: 140 }}
          data-testid="catalogue-filter-type"
        />
        {filtered && (
          <Button
            icon={<ClearOutlined />}
            onClick={() => {
              setTyped('')
              params.change({ q: undefined, status: undefined, type: undefined, location: undefined })
            }}
            data-testid="catalogue-clear-filters"
          >
            {t('staff.clearFilters')}
          </Button>
        )}
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void items.refetch()}
          loading={items.isFetching && !items.isFetchingNextPage && !items.isPending}
          aria-label={t('common:action.refresh')}
          title={t('common:action.refresh')}
        />
      </div>
      {items.isError ? (
        <PageError error={items.error} onRetry={() => void items.refetch()} backTo="/staff" />
      ) : (
        <>
          <ItemsTable
            rows={rows}
            loading={items.isPending || (items.isPlaceholderData && items.isFetching)}
            testId="catalogue-table"
            empty={
              filtered ? (
                <EmptyHint text={t('staff.emptyFiltered')} />
              ) : (
                <EmptyHint
                  text={canImport ? t('staff.emptyNone') : t('staff.emptyNoneReadOnly')}
                  action={
                    canImport && (
                      <Space orientation="vertical" size={8}>
                        <Button type="primary" icon={<UploadOutlined />} onClick={onImport}>
                          {t('import.open')}
                        </Button>
                        <SampleLink />
                      </Space>
                    )
                  }
                />
              )
            }
          />
          <div className="sq-load-more">
            {items.hasNextPage ? (
              <Button
                onClick={() => void items.fetchNextPage()}
                loading={items.isFetchingNextPage}
                data-testid="catalogue-load-more"
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
    </>
  )
}

/** 馆藏: search the library's items; librarians import the library system's export here. */
export const CataloguePage = () => {
  const { t } = useTranslation(['catalogue', 'common'])
  usePageTitle(t('staff.title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const canImport = mayCall(me, catalogue.previewCatalogueImport)
  const canSeeImports = mayCall(me, catalogue.listCatalogueImports) && !!me.library
  const name = useBilingual()
  const libraries = useLibraries()
  const navigate = useNavigate()
  const params = useCatalogueParams()
  const [uploading, setUploading] = useState(false)
  const libraryId = consortium ? (params.library ?? libraries.data?.items[0]?.id) : me.library?.id
  const tab = canSeeImports ? params.tab : 'items'

  const openImport = () => setUploading(true)

  return (
    <div data-testid="catalogue-page">
      <PageHead
        title={t('staff.title')}
        intro={t('staff.intro')}
        extra={
          <Space wrap>
            {consortium && (
              <Select
                value={libraryId}
                onChange={(id: string) => params.change({ library: id, location: undefined })}
                options={(libraries.data?.items ?? []).map((library) => ({
                  value: library.id,
                  label: name(library),
                }))}
                style={{ minWidth: 240 }}
                aria-label={t('staff.pickLibrary')}
                placeholder={t('staff.pickLibrary')}
                data-testid="catalogue-library-picker"
              />
            )}
            {canImport && <SampleLink />}
            {canImport && (
              <Button
                type="primary"
                icon={<UploadOutlined />}
                onClick={openImport}
                data-testid="catalogue-import-open"
              >
                {t('import.open')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small">
        {canSeeImports ? (
          <Tabs
            activeKey={tab}
            onChange={(key) => params.change({ tab: key === 'items' ? undefined : key })}
            items={[
              {
                key: 'items',
                label: <span data-testid="catalogue-tab-items">{t('staff.tabItems')}</span>,
                children: (
                  <ItemsPanel
                    libraryId={libraryId}
                    needsLibrary={consortium}
                    canImport={canImport}
                    onImport={openImport}
                  />
                ),
              },
              {
                key: 'imports',
                label: <span data-testid="catalogue-tab-imports">{t('staff.tabImports')}</span>,
                children: <ImportsPanel onImport={openImport} />,
              },
            ]}
          />
        ) : (
          <ItemsPanel
            libraryId={libraryId}
            needsLibrary={consortium}
            canImport={canImport}
            onImport={openImport}
          />
        )}
      </Card>
      <ImportUploadModal
        open={uploading}
        onClose={() => setUploading(false)}
        onPreview={(detail) => {
          setUploading(false)
          void navigate(`/staff/catalogue/imports/${detail.id}`)
        }}
      />
    </div>
  )
}
