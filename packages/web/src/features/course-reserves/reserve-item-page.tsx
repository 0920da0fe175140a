import { ArrowLeftOutlined, FilePdfOutlined, LinkOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Result, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams, useSearchParams } from 'react-router'
import { ApiProblem } from '../../api/client.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageLoading, useErrorText } from '../../app/page-states.tsx'
import { usePermalink } from './reserve-items-queries.ts'
import './course-reserves.css'

/**
 * A reserve item in the reader portal (/reserve/<code>), made for a phone: what it is, and the
 * button that opens it through its permalink. A permalink that could not be opened comes back
 * here with `?refused=<code>` (and `retry=<seconds>` when the seats are full) to say why.
 */
export const ReserveItemPage = () => {
  const { t, i18n } = useTranslation('courseReserves')
  const { code } = useParams()
  const [search] = useSearchParams()
  const found = usePermalink(code)
  usePageTitle(found.data?.item?.name ?? t('items.reader.pageTitle'))
  const back = (
    <LinkButton
      to="/my-courses"
      icon={<ArrowLeftOutlined />}
      type="link"
      style={{ paddingInline: 0 }}
      data-testid="reserve-item-back"
    >
      {t('items.reader.back')}
    </LinkButton>
  )
  if (found.isPending) return <PageLoading />
  if (found.isError) return <Refused error={found.error} />
  const { course, item } = found.data
  const refused = search.get('refused')
  const retry = Number(search.get('retry') ?? 0)
  const courseName = i18n.language === 'en' && course.nameEn ? course.nameEn : course.nameZh
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="reserve-item-page">
      {back}
      {refused && (
        <Alert
          type="warning"
          showIcon
          data-testid="reserve-item-refused"
          title={
            refused === 'item_seats_full'
              ? t('items.reader.seatsFull', { minutes: Math.max(1, Math.ceil(retry / 60)) })
              : t('items.reader.notOpened')
          }
        />
      )}
      <Card size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {item ? item.name : courseName}
          </Typography.Title>
          <Typography.Text type="secondary">
            <span className="sq-cr-code">{course.code}</span> · {courseName}
          </Typography.Text>
          {item?.note && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {item.note}
            </Typography.Paragraph>
          )}
          {item?.seatLimit && (
            <Typography.Text type="secondary">
              {t('items.reader.seatLimit', { count: item.seatLimit })}
            </Typography.Text>
          )}
          {item?.kind === 'file' && !item.downloadable && (
            <Typography.Text type="secondary">{t('items.reader.readOnlineHint')}</Typography.Text>
          )}
          {item && (
            <Button
              type="primary"
              size="large"
              block
              href={item.permalink}
              icon={item.kind === 'file' ? <FilePdfOutlined /> : <LinkOutlined />}
              data-testid="reserve-item-open"
            >
              {item.kind === 'file' ? t('items.reader.openPdf') : t('items.reader.openLink')}
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  )
}

/**
 * A permalink the reader may not open: a page of its own, not a banner, since there is nothing
 * else to show — the reason in the reader's language (the server's detail), what to do about it,
 * and the way back to their courses.
 */
const Refused = ({ error }: { error: unknown }) => {
  const { t } = useTranslation('courseReserves')
  const errorText = useErrorText()
  const status = error instanceof ApiProblem ? error.status : 0
  const forbidden = status === 403
  return (
    <Result
      data-testid="reserve-item-refused"
      data-status={status}
      status={forbidden ? '403' : status === 404 ? '404' : 'warning'}
      title={forbidden ? t('items.reader.refusedTitle') : t('items.reader.notOpened')}
      subTitle={
        <Space orientation="vertical" size={4}>
          <span data-testid="reserve-item-refused-reason">{errorText(error)}</span>
          {forbidden && <span>{t('items.reader.refusedHint')}</span>}
        </Space>
      }
      extra={
        <LinkButton
          to="/my-courses"
          type="primary"
          icon={<ArrowLeftOutlined />}
          data-testid="reserve-item-back"
        >
          {t('items.reader.backToMine')}
        </LinkButton>
      }
    />
  )
}
