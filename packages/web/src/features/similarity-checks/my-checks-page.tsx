import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { files } from '@shuqiao/contracts'
import { Alert, Button, Card, Collapse, Descriptions, Skeleton, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { urlOf } from '../../api/client.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { FileLink } from '../files/index.ts'
import { dateOf, useText } from '../requests/request-types.ts'
import { formatPercent, SERVICE_LABELS } from './logic.ts'
import { type ThesisDetail, useMyTheses } from './queries.ts'
import { ThesisStatusTag } from './thesis-parts.tsx'
import './similarity-checks.css'

/** One of the graduate's theses: where it stands, the result against the pass line, the report. */
const ThesisCard = ({ thesis }: { thesis: ThesisDetail }) => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  const text = useText()
  const service =
    thesis.batch.service === 'other' && thesis.batch.serviceNote
      ? thesis.batch.serviceNote
      : text(SERVICE_LABELS[thesis.batch.service])
  const earlier = thesis.events.filter(
    (event) => event.similarityPercent !== null && event.attempt < thesis.attempt,
  )
  const lastNote = [...thesis.events].reverse().find((event) => event.note)?.note
  return (
    <Card size="small" data-testid="my-thesis-check" data-thesis-id={thesis.id}>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
          <Typography.Text strong className="sq-sc-title">
            {t('thesis.quoted', { title: thesis.title })}
          </Typography.Text>
          <ThesisStatusTag thesis={thesis} />
        </div>
        {thesis.status === 'checked' && thesis.similarityPercent !== null ? (
          <div data-testid="my-thesis-result">
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('field.similarity')}
            </Typography.Text>
            <div className="sq-sc-result">
              <span className={`value ${thesis.passed ? 'sq-sc-pass' : 'sq-sc-fail'}`}>
                {formatPercent(thesis.similarityPercent)}
              </span>
              <Typography.Text strong className={thesis.passed ? 'sq-sc-pass' : 'sq-sc-fail'}>
                {thesis.passed ? t('verdict.passed') : t('verdict.failed')}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('mine.threshold')} {t('mine.thresholdValue', { percent: thesis.batch.thresholdPercent })}
              </Typography.Text>
            </div>
          </div>
        ) : thesis.status === 'waiting' || thesis.status === 'submitted' ? (
          <Typography.Text type="secondary">
            {thesis.status === 'waiting' ? t('mine.waitingHint') : t('mine.submittedHint')}
          </Typography.Text>
        ) : null}
        {thesis.reason && (
          <Alert
            type={thesis.status === 'withdrawn' ? 'info' : 'warning'}
            showIcon
            title={t('field.reason')}
            description={thesis.reason}
          />
        )}
        {thesis.status === 'checked' && lastNote && !thesis.reason && (
          <p className="sq-sc-note">{lastNote}</p>
        )}
        {thesis.status === 'checked' &&
          (thesis.reportFile ? (
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={urlOf(files.downloadFile, { params: { fileId: thesis.reportFile.id } })}
              download={thesis.reportFile.name}
              block
              data-testid="my-thesis-report"
            >
              {t('mine.downloadReport')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('thesis.reportMissing')}</Typography.Text>
          ))}
        <Descriptions
          column={1}
          size="small"
          layout="horizontal"
          styles={{ label: { width: 84 } }}
          items={[
            { key: 'batch', label: t('mine.batch'), children: thesis.batch.name },
            { key: 'service', label: t('mine.service'), children: service },
            ...(thesis.checkedAt
              ? [{ key: 'on', label: t('field.checkedAt'), children: dateOf(thesis.checkedAt) }]
              : []),
            ...(thesis.supervisor
              ? [{ key: 'supervisor', label: t('field.supervisor'), children: thesis.supervisor }]
              : []),
          ]}
        />
        {earlier.length > 0 && (
          <Collapse
            size="small"
            items={[
              {
                key: 'earlier',
                label: t('mine.earlier'),
                children: (
                  <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                    {earlier.map((event) => (
                      <div key={event.id}>
                        <Typography.Text>
                          {t('thesis.attempt', { attempt: event.attempt })} ·{' '}
                          <span
                            className={
                              event.similarityPercent! <= thesis.batch.thresholdPercent
                                ? 'sq-sc-pass'
                                : 'sq-sc-fail'
                            }
                          >
                            {formatPercent(event.similarityPercent)}
                          </span>{' '}
                          <Typography.Text type="secondary">{dateOf(event.at)}</Typography.Text>
                        </Typography.Text>
                        {event.reportFile && (
                          <div>
                            <FileLink file={event.reportFile} />
                          </div>
                        )}
                      </div>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Space>
    </Card>
  )
}

/** The graduate's own thesis checks, newest first; made for a phone. */
export const MyChecksPage = () => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  usePageTitle(t('mine.title'))
  const list = useMyTheses()
  const items = list.data?.items ?? []
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="my-thesis-checks-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('mine.title')}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void list.refetch()}
          aria-label={t('common:action.refresh')}
          title={t('common:action.refresh')}
        />
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
        {t('mine.intro')}
      </Typography.Paragraph>
      {list.isPending ? (
        <div data-testid="page-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyHint text={t('mine.empty')} />
      ) : (
        items.map((thesis) => <ThesisCard key={thesis.id} thesis={thesis} />)
      )}
    </Space>
  )
}
