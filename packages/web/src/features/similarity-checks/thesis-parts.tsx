import { Tag, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { FileLink } from '../files/index.ts'
import { useText } from '../requests/request-types.ts'
import { formatPercent, statusColour, THESIS_STATUS_LABELS } from './logic.ts'
import type { Thesis, ThesisDetail } from './queries.ts'

/** A thesis's status, green or red once the result is in, with the attempt when it is a recheck. */
export const ThesisStatusTag = ({ thesis }: { thesis: Pick<Thesis, 'status' | 'passed' | 'attempt'> }) => {
  const { t } = useTranslation('similarityChecks')
  const text = useText()
  return (
    <Tag
      color={statusColour(thesis.status, thesis.passed)}
      style={{ marginInlineEnd: 0 }}
      data-testid="thesis-status"
    >
      {text(THESIS_STATUS_LABELS[thesis.status])}
      {thesis.attempt > 1 && ` · ${t('thesis.attempt', { attempt: thesis.attempt })}`}
    </Tag>
  )
}

/** The similarity and the verdict against the batch's line, e.g. 12.3% 未通过. */
export const Verdict = ({ thesis }: { thesis: Pick<Thesis, 'similarityPercent' | 'passed'> }) => {
  const { t } = useTranslation('similarityChecks')
  if (thesis.similarityPercent === null) return null
  return (
    <span className={thesis.passed ? 'sq-sc-pass' : 'sq-sc-fail'} data-testid="thesis-verdict">
      <span className="sq-sc-percent">{formatPercent(thesis.similarityPercent)}</span>{' '}
      {thesis.passed ? t('verdict.passed') : t('verdict.failed')}
    </span>
  )
}

/** Every step of a thesis, oldest first, with each result and report as it was then. */
export const ThesisHistory = ({ thesis }: { thesis: ThesisDetail }) => {
  const { t } = useTranslation('similarityChecks')
  const threshold = thesis.batch.thresholdPercent
  return (
    <Timeline
      data-testid="thesis-history"
      items={thesis.events.map((event) => ({
        key: event.id,
        color:
          event.similarityPercent === null ? 'gray' : event.similarityPercent <= threshold ? 'green' : 'red',
        content: (
          <div>
            <Typography.Text strong>
              {t(`thesis.event.${event.action}` as 'thesis.event.record', { defaultValue: event.action })}
            </Typography.Text>
            {event.similarityPercent !== null && (
              <>
                {' '}
                <Verdict
                  thesis={{
                    similarityPercent: event.similarityPercent,
                    passed: event.similarityPercent <= threshold,
                  }}
                />
              </>
            )}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(event.at)}
                {event.actor && ` · ${event.actor.name}`}
                {event.attempt > 1 && ` · ${t('thesis.attempt', { attempt: event.attempt })}`}
              </Typography.Text>
            </div>
            {event.note && <p className="sq-sc-note">{event.note}</p>}
            {event.reportFile && <FileLink file={event.reportFile} />}
          </div>
        ),
      }))}
    />
  )
}
