import { DatabaseOutlined, RightOutlined } from '@ant-design/icons'
import { Card, Select, Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useLibraries, useMe } from '../session/queries.ts'
import { isDisciplineCode } from './e-resources-logic.ts'
import { useDisciplineName, useGuideTitle } from './guide-parts.tsx'
import { type GuideFilters, type GuideSummary, useGuides } from './guides-queries.ts'
import { useSubjectOptions } from './resource-parts.tsx'
import './e-resources.css'

const GuideCard = ({
  guide,
  query,
  library,
}: {
  guide: GuideSummary
  query: string
  library: string | undefined
}) => {
  const { t } = useTranslation('eResources')
  const title = useGuideTitle()
  const discipline = useDisciplineName(library)
  return (
    <Link
      to={`/guides/${guide.code}${query}`}
      className="sq-res-card-link"
      data-testid="guides-item"
      data-code={guide.code}
    >
      <Card size="small" hoverable>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div className="sq-res-card-title">{title(guide)}</div>
            <div className="sq-res-card-foot" style={{ marginTop: 6 }}>
              <Tag bordered={false} color={guide.discipline ? 'blue' : 'default'} style={{ margin: 0 }}>
                {discipline(guide.discipline) ?? t('guides.topic')}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('guides.resources', { count: guide.resources })}
              </Typography.Text>
            </div>
          </div>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} aria-hidden />
        </div>
      </Card>
    </Link>
  )
}

/** 学科导航: a library's published guides, by discipline; public with ?library=<code>. */
export const GuidesPage = () => {
  const { t } = useTranslation(['eResources', 'common'])
  usePageTitle(t('guides.title'))
  const me = useMe().data
  const libraries = useLibraries()
  const name = useBilingual()
  const [search, setSearch] = useSearchParams()
  const code = me?.library?.code ?? search.get('library') ?? undefined
  const subjects = useSubjectOptions(code)
  const library = libraries.data?.items.find((item) => item.code === code)
  const subject = isDisciplineCode(search.get('subject')) ? (search.get('subject') ?? undefined) : undefined
  const change = (key: string, value: string | undefined) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current)
        if (value) next.set(key, value)
        else next.delete(key)
        return next
      },
      { replace: true },
    )
  const filters: GuideFilters = {
    library: me?.library ? undefined : code,
    discipline: subject,
  }
  const list = useGuides(filters, !!code)
  // Staff looking at the readers' page see what readers see: published guides only.
  const items = (list.data?.items ?? []).filter((guide) => guide.status === 'published')
  const carry = me?.library || !code ? '' : `?library=${encodeURIComponent(code)}`

  if (!code) {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="guides-page">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('guides.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('guides.pickLibraryHint')}
        </Typography.Paragraph>
        <Select
          size="large"
          loading={libraries.isPending}
          onChange={(value: string) => change('library', value)}
          options={(libraries.data?.items ?? []).map((item) => ({ value: item.code, label: name(item) }))}
          aria-label={t('directory.pickLibrary')}
          placeholder={t('directory.pickLibrary')}
          style={{ width: '100%' }}
          data-testid="guides-library"
        />
      </Space>
    )
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="guides-page">
      <div className="sq-res-head">
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('guides.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="guides-library-name">
            {library ? name(library) : code}
          </Typography.Text>
        </div>
        <LinkButton to={`/resources${carry}`} icon={<DatabaseOutlined />} data-testid="guides-directory">
          {t('guides.toDirectory')}
        </LinkButton>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
        {t('guides.intro')}
      </Typography.Paragraph>
      <Select
        allowClear
        value={subject}
        onChange={(value: string | undefined) => change('subject', value)}
        options={subjects}
        placeholder={t('guides.discipline')}
        aria-label={t('guides.discipline')}
        style={{ width: '100%' }}
        data-testid="guides-discipline"
      />
      {list.isPending ? (
        <div data-testid="page-loading">
          <Skeleton active paragraph={{ rows: 5 }} />
        </div>
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyHint
          text={subject ? t('guides.emptyFiltered') : t('guides.empty')}
          action={
            !subject && (
              <LinkButton to={`/resources${carry}`} icon={<DatabaseOutlined />}>
                {t('guides.toDirectory')}
              </LinkButton>
            )
          }
        />
      ) : (
        <>
          <div
            className="sq-res-list"
            data-testid="guides-list"
            style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}
          >
            {items.map((guide) => (
              <GuideCard key={guide.id} guide={guide} query={carry} library={code} />
            ))}
          </div>
          <div className="sq-load-more">
            <Typography.Text type="secondary">{t('guides.allShown')}</Typography.Text>
          </div>
        </>
      )}
    </Space>
  )
}
