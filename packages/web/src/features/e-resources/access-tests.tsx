import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExperimentOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons'
import type { RouteKind } from '@shuqiao/contracts'
import { Alert, App as AntApp, Button, Input, Radio, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { type ResourceDetail, useRecordAccessTest } from './queries.ts'
import { ROUTE_COLOURS, useRouteLabel } from './resource-parts.tsx'
import { latestTestOf, routesWithoutPassingTest } from './staff-tools-logic.ts'

/** Where a resource in testing stands: which routes still lack a passing test. Publishing is not blocked. */
export const UntestedHint = ({ detail }: { detail: ResourceDetail }) => {
  const { t, i18n } = useTranslation(['eResources', 'common'])
  const label = useRouteLabel()
  if (detail.status !== 'testing' || detail.routeSettings.length === 0) return null
  const untested = routesWithoutPassingTest(detail)
  return untested.length > 0 ? (
    <Alert
      type="warning"
      showIcon
      title={t('tests.untestedHint', {
        routes: untested.map(label).join(i18n.language === 'en' ? ', ' : '、'),
      })}
      data-testid="access-tests-hint"
      data-untested={untested.join(' ')}
    />
  ) : (
    <Alert
      type="success"
      showIcon
      title={t('tests.allPassed')}
      data-testid="access-tests-hint"
      data-untested=""
    />
  )
}

/** The form to record one test: did the route work, and a note. */
const RecordTest = ({
  resourceId,
  route,
  onDone,
}: {
  resourceId: string
  route: RouteKind
  onDone: () => void
}) => {
  const { t } = useTranslation(['eResources', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const label = useRouteLabel()
  const record = useRecordAccessTest()
  const [works, setWorks] = useState<boolean>()
  const [note, setNote] = useState('')
  const save = () => {
    if (works === undefined) return
    record.mutate(
      { resourceId, body: { route, works, note: note.trim() || null } },
      {
        onSuccess: () => {
          void message.success(t('tests.recorded', { route: label(route) }))
          onDone()
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )
  }
  return (
    <Space
      orientation="vertical"
      size={8}
      style={{ width: '100%', marginTop: 8 }}
      data-testid="access-test-form"
    >
      <Typography.Text>{t('tests.question')}</Typography.Text>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        value={works}
        onChange={(event) => setWorks(event.target.value as boolean)}
        options={[
          { value: true, label: <span data-testid="access-test-works">{t('tests.works')}</span> },
          { value: false, label: <span data-testid="access-test-broken">{t('tests.broken')}</span> },
        ]}
      />
      <Input.TextArea
        value={note}
        onChange={(event) => setNote(event.target.value)}
        maxLength={500}
        autoSize={{ minRows: 1, maxRows: 4 }}
        placeholder={t('tests.notePlaceholder')}
        aria-label={t('tests.note')}
        data-testid="access-test-note"
      />
      <Space>
        <Button
          type="primary"
          size="small"
          disabled={works === undefined}
          loading={record.isPending}
          onClick={save}
          data-testid="access-test-save"
        >
          {t('tests.save')}
        </Button>
        <Button size="small" onClick={onDone} disabled={record.isPending}>
          {t('common:action.cancel')}
        </Button>
      </Space>
    </Space>
  )
}

/**
 * 访问测试: each saved route of a resource with its latest test (works or not, the note, who and
 * when), and a way to record another. Tests are of the routes as saved, not as being edited.
 */
export const AccessTests = ({ detail }: { detail: ResourceDetail }) => {
  const { t } = useTranslation('eResources')
  const label = useRouteLabel()
  const [recording, setRecording] = useState<RouteKind>()
  const routes = detail.routeSettings.map((route) => route.kind)
  return (
    <section data-testid="access-tests">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('tests.hint')}
      </Typography.Paragraph>
      {routes.length === 0 ? (
        <Typography.Paragraph type="warning">{t('tests.noRoutes')}</Typography.Paragraph>
      ) : (
        <ul className="sq-res-tests">
          {routes.map((route) => {
            const test = latestTestOf(detail, route)
            const result = test ? (test.works ? 'works' : 'broken') : 'untested'
            return (
              <li
                key={route}
                className="sq-res-test"
                data-testid="access-test"
                data-route={route}
                data-result={result}
              >
                <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
                  <Tag color={ROUTE_COLOURS[route]} style={{ margin: 0 }}>
                    {label(route)}
                  </Tag>
                  {result === 'works' ? (
                    <Typography.Text type="success">
                      <CheckCircleFilled /> {t('tests.works')}
                    </Typography.Text>
                  ) : result === 'broken' ? (
                    <Typography.Text type="danger">
                      <CloseCircleFilled /> {t('tests.broken')}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">
                      <MinusCircleOutlined /> {t('tests.untested')}
                    </Typography.Text>
                  )}
                  {test && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('tests.by', { name: test.testedBy, at: formatDateTime(test.testedAt) })}
                    </Typography.Text>
                  )}
                  {recording !== route && (
                    <Button
                      size="small"
                      icon={<ExperimentOutlined />}
                      style={{ marginInlineStart: 'auto' }}
                      onClick={() => setRecording(route)}
                      data-testid="access-test-record"
                    >
                      {t('tests.record')}
                    </Button>
                  )}
                </div>
                {test?.note && (
                  <Typography.Paragraph
                    style={{ margin: '4px 0 0', fontSize: 13, whiteSpace: 'pre-line' }}
                    data-testid="access-test-note-text"
                  >
                    {test.note}
                  </Typography.Paragraph>
                )}
                {recording === route && (
                  <RecordTest resourceId={detail.id} route={route} onDone={() => setRecording(undefined)} />
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
