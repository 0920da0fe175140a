import { ArrowLeftOutlined, BulbOutlined, HomeOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Checkbox, Result, Skeleton, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router'
import { ApiProblem } from '../../api/client.ts'
import { todayIn } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useLibraries, useMe } from '../session/queries.ts'
import { ShareGuide, useDisciplineName, useGuideTitle } from './guide-parts.tsx'
import { type GuideDetail, useGuide } from './guides-queries.ts'
import { FreeUntil, RouteBadges, StatusTag } from './resource-parts.tsx'
import './e-resources.css'

type Item = GuideDetail['items'][number]

const GuideItem = ({
  item,
  position,
  today,
  query,
}: {
  item: Item
  position: number
  today: string
  query: string
}) => {
  const { t, i18n } = useTranslation('eResources')
  const english = i18n.language === 'en'
  const { resource } = item
  const note = english ? (item.noteEn ?? item.noteZh) : (item.noteZh ?? item.noteEn)
  const name = english && resource.nameEn ? resource.nameEn : resource.nameZh
  const other = english ? (resource.nameEn ? resource.nameZh : null) : resource.nameEn
  return (
    <li data-testid="guide-item" data-resource-id={resource.id}>
      <Link to={`/resources/${resource.id}${query}`} className="sq-res-card-link">
        <Card size="small" hoverable>
          <div className="sq-guide-item">
            <span className="sq-guide-number" aria-hidden>
              {position}
            </span>
            <div style={{ minWidth: 0, flex: 1 }}>
              <div className="sq-res-card-title" data-testid="guide-item-name">
                {name}
              </div>
              {other && <div className="sq-res-card-en">{other}</div>}
              <div className="sq-res-card-meta">
                {[resource.vendor, t(`kind.${resource.kind}`)].filter(Boolean).join(' · ')}
              </div>
              <div className="sq-res-card-foot">
                <RouteBadges routes={resource.routes} testId="guide-item-routes" />
                <FreeUntil resource={resource} today={today} />
                {resource.status !== 'published' && (
                  <>
                    <StatusTag status={resource.status} freeUntil={resource.freeUntil} today={today} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('resource.staffOnly')}
                    </Typography.Text>
                  </>
                )}
              </div>
              {note && (
                <div className="sq-guide-note" data-testid="guide-item-note">
                  <span className="sq-guide-note-label">
                    <BulbOutlined aria-hidden /> {t('guide.note')}
                  </span>
                  {note}
                </div>
              )}
            </div>
          </div>
        </Card>
      </Link>
    </li>
  )
}

/**
 * One guide for readers, as its short address /g/<code> shows it: the librarian's resources in
 * order with their notes, optionally only those reachable without the VPN, and a way to share it.
 */
export const GuidePage = () => {
  const { t, i18n } = useTranslation(['eResources', 'common'])
  const { code } = useParams()
  const [search, setSearch] = useSearchParams()
  const withoutVpn = search.get('withoutVpn') === 'true'
  const me = useMe().data
  const libraries = useLibraries()
  const guide = useGuide(code?.toLowerCase(), withoutVpn)
  const title = useGuideTitle()
  const name = useBilingual()
  usePageTitle(guide.data ? title(guide.data) : t('guides.title'))
  const library = libraries.data?.items.find((item) => item.id === guide.data?.libraryId)
  const guestLibrary = me?.library ? undefined : (library?.code ?? search.get('library') ?? undefined)
  const discipline = useDisciplineName(guestLibrary)
  const carry = guestLibrary ? `?library=${encodeURIComponent(guestLibrary)}` : ''
  const english = i18n.language === 'en'

  const setWithoutVpn = (on: boolean) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current)
        if (on) next.set('withoutVpn', 'true')
        else next.delete('withoutVpn')
        return next
      },
      { replace: true },
    )

  const back = (
    <LinkButton
      to={`/guides${carry}`}
      type="link"
      icon={<ArrowLeftOutlined />}
      style={{ paddingInline: 0 }}
      data-testid="guide-back"
    >
      {t('guide.back')}
    </LinkButton>
  )

  if (guide.isPending) {
    return (
      <div data-testid="page-loading">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    )
  }
  if (guide.isError) {
    // A mistyped code (400) is as much not there as an unknown one (404).
    if (guide.error instanceof ApiProblem && (guide.error.status === 404 || guide.error.status === 400)) {
      return (
        <Result
          status="404"
          title={t('guide.notFound')}
          subTitle={t('guide.notFoundHint')}
          data-testid="guide-not-found"
          extra={
            <LinkButton to={`/guides${carry}`} type="primary" icon={<HomeOutlined />}>
              {t('guide.backToGuides')}
            </LinkButton>
          }
        />
      )
    }
    return <PageError error={guide.error} onRetry={() => void guide.refetch()} backTo={`/guides${carry}`} />
  }

  const detail = guide.data
  const today = todayIn(library?.timeZone)
  const description = english
    ? (detail.descriptionEn ?? detail.descriptionZh)
    : (detail.descriptionZh ?? detail.descriptionEn)
  const otherTitle = english ? (detail.titleEn ? detail.titleZh : null) : detail.titleEn

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="guide-page">
      {back}
      {detail.status !== 'published' && (
        <Alert type="warning" showIcon title={t('guide.draft')} data-testid="guide-draft" />
      )}
      <Card size="small">
        <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="guide-title">
          {title(detail)}
        </Typography.Title>
        {otherTitle && (
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            {otherTitle}
          </Typography.Text>
        )}
        <div className="sq-res-card-foot">
          <Tag bordered={false} color={detail.discipline ? 'blue' : 'default'} style={{ margin: 0 }}>
            {discipline(detail.discipline) ?? t('guides.topic')}
          </Tag>
          {library && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {name(library)}
            </Typography.Text>
          )}
        </div>
        {description && (
          <Typography.Paragraph
            style={{ margin: '10px 0 0', whiteSpace: 'pre-line' }}
            data-testid="guide-description"
          >
            {description}
          </Typography.Paragraph>
        )}
      </Card>
      <div className="sq-guide-bar">
        <Checkbox
          checked={withoutVpn}
          onChange={(event) => setWithoutVpn(event.target.checked)}
          data-testid="guide-without-vpn"
        >
          {t('directory.withoutVpn')}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {t('directory.withoutVpnHint')}
          </Typography.Text>
        </Checkbox>
        <ShareGuide code={detail.code} data-testid="guide-share" />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="guide-count">
        {withoutVpn
          ? t('guide.countWithoutVpn', { count: detail.items.length })
          : t('guide.count', { count: detail.items.length })}
      </Typography.Text>
      {detail.items.length === 0 ? (
        <EmptyHint
          text={withoutVpn ? t('guide.emptyWithoutVpn') : t('guide.empty')}
          action={
            withoutVpn && (
              <Button onClick={() => setWithoutVpn(false)} data-testid="guide-show-all">
                {t('guide.showAll')}
              </Button>
            )
          }
        />
      ) : (
        <ol
          className="sq-res-list sq-guide-list"
          data-testid="guide-items"
          style={{ opacity: guide.isPlaceholderData ? 0.6 : 1 }}
        >
          {detail.items.map((item, index) => (
            <GuideItem key={item.resource.id} item={item} position={index + 1} today={today} query={carry} />
          ))}
        </ol>
      )}
    </Space>
  )
}
