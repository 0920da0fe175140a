import { Alert, Card, Select, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { ApiProblem } from '../../api/client.ts'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { useLibraries } from '../session/queries.ts'
import { STATUS_COLORS } from './phase-parts.tsx'
import { useServiceBoard } from './queries.ts'
import './operations.css'

/** The library to show: the one in the address, or a choice of all. */
const LibraryChoice = ({ current }: { current?: string | undefined }) => {
  const { t } = useTranslation('operations')
  const libraries = useLibraries()
  const name = useBilingual()
  const navigate = useNavigate()
  return (
    <Select
      value={current}
      placeholder={t('board.pick')}
      onChange={(code: string) => navigate(`/status/${code}`)}
      options={(libraries.data?.items ?? []).map((library) => ({
        value: library.code,
        label: name(library),
      }))}
      style={{ width: '100%', maxWidth: 320 }}
      aria-label={t('board.pick')}
      data-testid="board-library-picker"
    />
  )
}

/**
 * 服务状态: a library's current phase and each service's status, for anyone without signing in,
 * on a phone first; the same as JSON at /api/service-board/<code>.
 */
export const ServiceBoardPage = () => {
  const { t, i18n } = useTranslation(['operations', 'common'])
  const { libraryCode } = useParams()
  const board = useServiceBoard(libraryCode ?? '')
  const name = useBilingual()
  const english = i18n.language === 'en'
  const libraryName = board.data ? name(board.data.library) : ''
  usePageTitle(libraryName ? `${libraryName} · ${t('board.title')}` : t('board.title'))

  if (!libraryCode)
    return (
      <div className="sq-board" data-testid="service-board">
        <h1>{t('board.title')}</h1>
        <LibraryChoice />
      </div>
    )
  if (board.isPending) return <PageLoading />
  if (board.isError)
    return board.error instanceof ApiProblem && board.error.status === 404 ? (
      <div className="sq-board" data-testid="service-board">
        <Alert type="warning" showIcon title={t('board.notFound')} style={{ marginBottom: 16 }} />
        <LibraryChoice />
      </div>
    ) : (
      <PageError error={board.error} onRetry={() => void board.refetch()} />
    )
  const { phase, services, updatedAt } = board.data
  return (
    <div className="sq-board" data-testid="service-board">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div>
          <h1 style={{ marginBottom: 4 }}>{libraryName}</h1>
          <Typography.Text type="secondary">{t('board.title')}</Typography.Text>
        </div>
        {phase ? (
          <Card size="small" data-testid="board-phase">
            <Typography.Text type="secondary">{t('board.phase')}</Typography.Text>
            <Typography.Title level={3} style={{ margin: '4px 0' }}>
              {english ? phase.nameEn : phase.nameZh}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('board.since', { at: formatDateTime(phase.since) })}
            </Typography.Text>
            {(phase.noticeZh || phase.noticeEn) && (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-line' }}>
                {english ? phase.noticeEn || phase.noticeZh : phase.noticeZh}
              </Typography.Paragraph>
            )}
          </Card>
        ) : (
          <Alert type="success" showIcon title={t('board.noPhase')} data-testid="board-phase" />
        )}
        <Card size="small">
          {services.map((service) => {
            const note = english ? service.noteEn || service.noteZh : service.noteZh
            return (
              <div
                key={service.service}
                className="sq-board-service"
                data-testid="board-service"
                data-service={service.service}
                data-status={service.status}
              >
                <div>
                  <Typography.Text strong>{english ? service.nameEn : service.nameZh}</Typography.Text>
                  {note && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {note}
                      </Typography.Text>
                    </div>
                  )}
                </div>
                <Tag color={STATUS_COLORS[service.status]} style={{ marginInlineEnd: 0, flexShrink: 0 }}>
                  {english ? service.statusEn : service.statusZh}
                </Tag>
              </div>
            )
          })}
        </Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          {updatedAt && (
            <Typography.Text type="secondary">
              {t('board.updated', { at: formatDateTime(updatedAt) })}
            </Typography.Text>
          )}
          <Typography.Link href={`/api/service-board/${encodeURIComponent(libraryCode)}`} target="_blank">
            {t('board.feed')}
          </Typography.Link>
        </Space>
        <LibraryChoice current={libraryCode} />
      </Space>
    </div>
  )
}
