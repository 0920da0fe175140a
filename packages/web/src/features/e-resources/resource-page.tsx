import { ArrowLeftOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons'
import { Alert, Card, Result, Skeleton, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams, useSearchParams } from 'react-router'
import { ApiProblem } from '../../api/client.ts'
import { todayIn } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageError } from '../../app/page-states.tsx'
import { useLibraries, useMe } from '../session/queries.ts'
import { AccessPanel } from './access-panel.tsx'
import { goLink } from './e-resources-logic.ts'
import { useResource } from './queries.ts'
import { FreeUntil, StatusTag, SubjectNames, useResourceName } from './resource-parts.tsx'
import './e-resources.css'

/** One resource for readers: what it is, and how to reach it from home on every route. */
export const ResourcePage = () => {
  const { t, i18n } = useTranslation(['eResources', 'common'])
  const { resourceId } = useParams()
  const [search] = useSearchParams()
  const me = useMe().data
  const libraries = useLibraries()
  const resource = useResource(resourceId)
  const nameOf = useResourceName()
  usePageTitle(resource.data ? nameOf(resource.data) : t('directory.title'))
  const library = libraries.data?.items.find((item) => item.id === resource.data?.libraryId)
  // A guest came from one library's directory: the way back keeps it.
  const guestLibrary = me?.library ? undefined : (library?.code ?? search.get('library') ?? undefined)
  const directory = guestLibrary ? `/resources?library=${encodeURIComponent(guestLibrary)}` : '/resources'
  const english = i18n.language === 'en'

  const back = (
    <LinkButton
      to={directory}
      type="link"
      icon={<ArrowLeftOutlined />}
      style={{ paddingInline: 0 }}
      data-testid="resource-back"
    >
      {t('resource.back')}
    </LinkButton>
  )

  if (resource.isPending) {
    return (
      <div data-testid="page-loading">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    )
  }
  if (resource.isError) {
    if (resource.error instanceof ApiProblem && resource.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('resource.notFound')}
          subTitle={t('resource.notFoundHint')}
          data-testid="resource-not-found"
          extra={
            <LinkButton to={directory} type="primary" icon={<HomeOutlined />}>
              {t('resource.backToDirectory')}
            </LinkButton>
          }
        />
      )
    }
    return <PageError error={resource.error} onRetry={() => void resource.refetch()} backTo={directory} />
  }

  const detail = resource.data
  const today = todayIn(library?.timeZone)
  const description = english
    ? (detail.descriptionEn ?? detail.descriptionZh)
    : (detail.descriptionZh ?? detail.descriptionEn)

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="resource-page">
      {back}
      {search.get('from') === 'go' && (
        <Alert
          type="info"
          showIcon
          icon={<EnvironmentOutlined />}
          title={t('resource.fromGo')}
          description={t('resource.fromGoHint')}
          data-testid="resource-from-go"
        />
      )}
      <Card size="small">
        <Typography.Title
          level={3}
          style={{ margin: 0, overflowWrap: 'anywhere' }}
          data-testid="resource-name"
        >
          {detail.nameZh}
        </Typography.Title>
        {detail.nameEn && (
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            {detail.nameEn}
          </Typography.Text>
        )}
        <div className="sq-res-card-meta" data-testid="resource-vendor">
          {[detail.vendor, t(`kind.${detail.kind}`)].filter(Boolean).join(' · ')}
        </div>
        {(detail.status !== 'published' || detail.freeUntil) && (
          <div className="sq-res-card-foot">
            {detail.status !== 'published' && (
              <>
                <StatusTag status={detail.status} freeUntil={detail.freeUntil} today={today} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('resource.staffOnly')}
                </Typography.Text>
              </>
            )}
            <FreeUntil resource={detail} today={today} />
          </div>
        )}
        {detail.freeUntil && detail.freeFrom && (
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
            {t('resource.freePeriod', { from: detail.freeFrom, until: detail.freeUntil })}
          </Typography.Paragraph>
        )}
        {description && (
          <Typography.Paragraph
            style={{ margin: '10px 0 0', whiteSpace: 'pre-line' }}
            data-testid="resource-description"
          >
            {description}
          </Typography.Paragraph>
        )}
        {detail.subjects.length > 0 && (
          <div style={{ marginTop: 8 }} data-testid="resource-subjects">
            <SubjectNames codes={detail.subjects} library={guestLibrary} />
          </div>
        )}
      </Card>
      <Card size="small" data-testid="resource-access">
        <h2 className="sq-res-section-title">{t('resource.howFromHome')}</h2>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 12 }}>
          {t('resource.howFromHomeHint')}
        </Typography.Paragraph>
        <AccessPanel resource={detail} />
      </Card>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
        {t('resource.onCampus')}{' '}
        <Typography.Link
          href={goLink(detail.id)}
          target="_blank"
          rel="noopener"
          data-testid="resource-on-campus"
        >
          {t('resource.onCampusLink')}
        </Typography.Link>
      </Typography.Paragraph>
    </Space>
  )
}
