import {
  CompassOutlined,
  DatabaseOutlined,
  LinkOutlined,
  LoginOutlined,
  RightOutlined,
  SearchOutlined,
} from '@ant-design/icons'
import { eResources } from '@shuqiao/contracts'
import { Button, Card, Checkbox, Input, Segmented, Select, Skeleton, Space, Typography } from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { todayIn } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { searchChanger } from '../../app/search-params.ts'
import { useDebounced } from '../catalogue/use-debounced.ts'
import { useLibraries, useMe } from '../session/queries.ts'
import { isDisciplineCode } from './e-resources-logic.ts'
import { type DirectoryFilters, READER_PAGE_SIZE, type ResourceSummary, useDirectory } from './queries.ts'
import { FreeUntil, RouteBadges, useSubjectOptions } from './resource-parts.tsx'

type Kind = ResourceSummary['kind']
const isKind = (value: string | null): value is Kind =>
  (eResources.RESOURCE_KINDS as readonly (string | null)[]).includes(value)

/** Filters live in the address, so a shared link or the back button finds the list as it was. */
const useDirectoryParams = () => {
  const [search, setSearch] = useSearchParams()
  const kind = search.get('kind')
  const initial = search.get('initial')
  const change = searchChanger(setSearch)
  return {
    library: search.get('library') ?? undefined,
    q: search.get('q') ?? '',
    initial: initial && /^[A-Z#]$/.test(initial) ? initial : undefined,
    subject: isDisciplineCode(search.get('subject')) ? (search.get('subject') ?? undefined) : undefined,
    kind: isKind(kind) ? kind : undefined,
    free: search.get('free') === '1',
    withoutVpn: search.get('novpn') === '1',
    change,
  }
}

const ResourceCard = ({
  resource,
  today,
  query,
}: {
  resource: ResourceSummary
  today: string
  query: string
}) => {
  const { t } = useTranslation('eResources')
  return (
    <Link
      to={`/resources/${resource.id}${query}`}
      className="sq-res-card-link"
      data-testid="directory-item"
      data-resource-id={resource.id}
    >
      <Card size="small" hoverable>
        <div className="sq-res-card-title">{resource.nameZh}</div>
        {resource.nameEn && <div className="sq-res-card-en">{resource.nameEn}</div>}
        <div className="sq-res-card-meta">
          {[resource.vendor, t(`kind.${resource.kind}`)].filter(Boolean).join(' · ')}
        </div>
        <div className="sq-res-card-foot">
          <RouteBadges routes={resource.routes} testId="directory-item-routes" />
          <FreeUntil resource={resource} today={today} />
        </div>
      </Card>
    </Link>
  )
}

/** 数据库导航: the library's databases A–Z, by subject and kind, with the ways in from home. */
export const DirectoryPage = () => {
  const { t } = useTranslation(['eResources', 'common'])
  usePageTitle(t('directory.title'))
  const me = useMe().data
  const libraries = useLibraries()
  const name = useBilingual()
  const params = useDirectoryParams()
  // A signed-in reader sees their own library's directory; a guest names one in the address.
  const code = me?.library?.code ?? params.library
  const subjects = useSubjectOptions(code)
  const library = libraries.data?.items.find((item) => item.code === code)
  const today = todayIn(library?.timeZone)
  const [typed, setTyped] = useState(params.q)
  // Typing waits for a pause before it searches; clearing the box shows everything at once.
  const q = useDebounced(typed.trim(), typed.trim() ? 300 : 0)
  const written = useRef(q)
  useEffect(() => {
    if (written.current === q) return
    written.current = q
    params.change({ q: q || undefined })
  })

  const filters: DirectoryFilters = {
    library: me?.library ? undefined : code,
    q: q || undefined,
    initial: params.initial,
    subject: params.subject,
    kind: params.kind,
    // Staff looking at the readers' page see what readers see.
    status: 'published',
    free: params.free ? 'true' : undefined,
    withoutVpn: params.withoutVpn ? 'true' : undefined,
  }
  const list = useDirectory(filters, { pageSize: READER_PAGE_SIZE, enabled: !!code })
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const initials = list.data?.pages[0]?.initials ?? []
  const filtered = !!(q || params.initial || params.subject || params.kind || params.withoutVpn)
  // Guests keep the library in the links they follow, so the resource page can lead back.
  const carry = me?.library || !code ? '' : `?library=${encodeURIComponent(code)}`

  if (!code) {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="directory-page">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('directory.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('directory.pickLibraryHint')}
        </Typography.Paragraph>
        <Select
          size="large"
          loading={libraries.isPending}
          onChange={(value: string) => params.change({ library: value })}
          options={(libraries.data?.items ?? []).map((item) => ({ value: item.code, label: name(item) }))}
          aria-label={t('directory.pickLibrary')}
          placeholder={t('directory.pickLibrary')}
          style={{ width: '100%' }}
          data-testid="directory-library"
        />
      </Space>
    )
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="directory-page">
      <div className="sq-res-head">
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('directory.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="directory-library-name">
            {library ? name(library) : code}
          </Typography.Text>
        </div>
        {me ? (
          <LinkButton to="/link-builder" icon={<LinkOutlined />} data-testid="directory-link-builder">
            {t('linkBuilder.title')}
          </LinkButton>
        ) : (
          <LinkButton
            to={`/sign-in?library=${encodeURIComponent(code)}&returnTo=${encodeURIComponent('/resources')}`}
            icon={<LoginOutlined />}
            data-testid="directory-sign-in"
          >
            {t('directory.signIn')}
          </LinkButton>
        )}
      </div>
      <Link to={`/guides${carry}`} className="sq-res-guides-link" data-testid="directory-guides">
        <CompassOutlined aria-hidden />
        <span>
          <strong>{t('guides.title')}</strong> · {t('home.guidesHint')}
        </span>
        <RightOutlined aria-hidden style={{ marginInlineStart: 'auto', fontSize: 12 }} />
      </Link>
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        placeholder={t('directory.search')}
        aria-label={t('directory.search')}
        maxLength={100}
        inputMode="search"
        enterKeyHint="search"
        data-testid="directory-search"
      />
      <Segmented
        block
        value={params.free ? 'free' : 'all'}
        onChange={(value) => params.change({ free: value === 'free' ? '1' : undefined })}
        options={[
          { value: 'all', label: <span data-testid="directory-tab-all">{t('directory.all')}</span> },
          { value: 'free', label: <span data-testid="directory-tab-free">{t('directory.free')}</span> },
        ]}
        aria-label={t('directory.free')}
      />
      <div className="sq-res-filters">
        <Select
          allowClear
          value={params.subject}
          onChange={(subject: string | undefined) => params.change({ subject })}
          options={subjects}
          placeholder={t('directory.subject')}
          aria-label={t('directory.subject')}
          data-testid="directory-subject"
        />
        <Select
          allowClear
          value={params.kind}
          onChange={(kind: string | undefined) => params.change({ kind })}
          options={eResources.RESOURCE_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
          placeholder={t('directory.kind')}
          aria-label={t('directory.kind')}
          data-testid="directory-kind"
        />
      </div>
      <Checkbox
        checked={params.withoutVpn}
        onChange={(event) => params.change({ novpn: event.target.checked ? '1' : undefined })}
        data-testid="directory-without-vpn"
      >
        {t('directory.withoutVpn')}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
          {t('directory.withoutVpnHint')}
        </Typography.Text>
      </Checkbox>
      {initials.length > 0 && (
        <nav className="sq-res-letters" aria-label={t('directory.letters')} data-testid="directory-letters">
          <Button
            size="small"
            type={params.initial ? 'text' : 'primary'}
            autoInsertSpace={false}
            onClick={() => params.change({ initial: undefined })}
            data-testid="directory-letter-all"
          >
            {t('directory.allLetters')}
          </Button>
          {initials.map((letter) => (
            <Button
              key={letter}
              size="small"
              type={params.initial === letter ? 'primary' : 'text'}
              aria-pressed={params.initial === letter}
              onClick={() => params.change({ initial: params.initial === letter ? undefined : letter })}
              data-testid={`directory-letter-${letter}`}
            >
              {letter}
            </Button>
          ))}
        </nav>
      )}
      {list.isPending ? (
        <div data-testid="page-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyHint
          text={
            q
              ? t('directory.empty', { q })
              : params.free && !filtered
                ? t('directory.emptyFree')
                : filtered
                  ? t('directory.emptyFiltered')
                  : t('directory.emptyNone')
          }
          action={
            (filtered || params.free) && (
              <Button
                onClick={() => {
                  setTyped('')
                  params.change({
                    q: undefined,
                    initial: undefined,
                    subject: undefined,
                    kind: undefined,
                    novpn: undefined,
                    free: undefined,
                  })
                }}
                data-testid="directory-clear"
              >
                {t('directory.clearFilters')}
              </Button>
            )
          }
        />
      ) : (
        <>
          <div
            className="sq-res-list"
            data-testid="directory-list"
            style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
          >
            {items.map((resource) => (
              <ResourceCard key={resource.id} resource={resource} today={today} query={carry} />
            ))}
          </div>
          <div className="sq-load-more">
            {list.hasNextPage ? (
              <Button
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
                icon={<DatabaseOutlined />}
                data-testid="directory-load-more"
              >
                {t('common:action.loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('directory.allShown')}</Typography.Text>
            )}
          </div>
        </>
      )}
    </Space>
  )
}
