import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useParams } from 'react-router'
import { isConsortiumAdmin } from '../../app/access.ts'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { describesBook } from '../catalogue/catalogue-logic.ts'
import { HoldingsPanel } from '../catalogue/holdings-panel.tsx'
import { useDepartments } from '../libraries/queries.ts'
import { useLibraries } from '../session/queries.ts'
import { ActionButtons } from './action-buttons.tsx'
import { CommentBox } from './comment-box.tsx'
import { latestCorrection } from './form-values.ts'
import { useAssignRequests, useRequest } from './queries.ts'
import { DueDate, RequestValues, StatusTag } from './request-parts.tsx'
import { RequestTimeline } from './request-timeline.tsx'
import { requestTypeOf, useText, yuan } from './request-types.ts'
import { TransitionModal } from './transition-modal.tsx'
import './requests.css'

/** One request as staff see it: details, the whole timeline with internal notes, the next steps. */
export const StaffRequestPage = () => {
  const { t } = useTranslation(['requests', 'common', 'catalogue'])
  const { requestId } = useParams()
  const location = useLocation()
  const queueSearch = (location.state as { queue?: string } | null)?.queue ?? ''
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const text = useText()
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const request = useRequest(requestId)
  const libraries = useLibraries()
  const departments = useDepartments(request.data?.libraryId)
  const assign = useAssignRequests()
  const [action, setAction] = useState<string>()
  const type = request.data ? requestTypeOf(request.data.type) : undefined
  usePageTitle(request.data ? request.data.number : t('detail.title'))
  const back = `/staff/requests${queueSearch}`

  if (request.isPending) return <PageLoading rows={10} />
  if (request.isError)
    return <PageError error={request.error} onRetry={() => void request.refetch()} backTo={back} />
  const data = request.data
  const department = departments.data?.items.find((item) => item.id === data.reader.departmentId)
  const correction = latestCorrection(data.events)
  const mine = data.assignee?.id === me.id
  const canTakeOver = !!me.library && me.library.id === data.libraryId && !mine

  const reassign = (assigneeId: string | null) =>
    assign.mutate(
      { requestIds: [data.id], assigneeId },
      {
        onSuccess: () => void message.success(assigneeId ? t('detail.nowMine') : t('detail.nowNobody')),
        onError: (error) => void message.error(errorText(error)),
      },
    )

  return (
    <div data-testid="staff-request-page">
      <LinkButton to={back} type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('queue.title')}
      </LinkButton>
      <div className="sq-page-head">
        <Space size={12} wrap align="center">
          <h1 style={{ margin: 0, fontSize: 20 }}>
            {type ? text(type.name) : data.type}{' '}
            <Typography.Text type="secondary" copyable style={{ fontSize: 16 }} data-testid="request-number">
              {data.number}
            </Typography.Text>
          </h1>
          <StatusTag type={type} status={data.status} />
        </Space>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void request.refetch()}
          loading={request.isFetching}
          aria-label={t('common:action.refresh')}
          title={t('common:action.refresh')}
        />
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('detail.summary')}>
              <Descriptions
                column={{ xs: 1, sm: 2 }}
                size="small"
                data-testid="request-summary"
                items={[
                  {
                    key: 'reader',
                    label: t('field.reader'),
                    children: (
                      <span>
                        {data.reader.name}{' '}
                        <Typography.Text type="secondary">{data.reader.readerNumber}</Typography.Text>
                      </span>
                    ),
                  },
                  {
                    key: 'department',
                    label: t('field.department'),
                    children: data.reader.departmentId ? name(department) || '…' : t('common:state.none'),
                  },
                  ...(data.subjectId
                    ? [
                        {
                          key: 'subject',
                          label: t('subject.label'),
                          children: (
                            <span data-testid="request-subject-name">
                              {name(departments.data?.items.find((item) => item.id === data.subjectId)) ||
                                '…'}
                              {data.subjectId !== data.reader.departmentId && (
                                <Typography.Text type="secondary"> · {t('subject.chosen')}</Typography.Text>
                              )}
                            </span>
                          ),
                        },
                      ]
                    : []),
                  ...(consortium
                    ? [
                        {
                          key: 'library',
                          label: t('filter.library'),
                          children: name(
                            libraries.data?.items.find((library) => library.id === data.libraryId),
                          ),
                        },
                      ]
                    : []),
                  {
                    key: 'submitted',
                    label: t('field.submittedAt'),
                    children: formatDateTime(data.submittedAt),
                  },
                  {
                    key: 'due',
                    label: t('field.dueDate'),
                    children: data.closedAt ? (
                      data.dueDate
                    ) : (
                      <DueDate date={data.dueDate} overdue={data.overdue} />
                    ),
                  },
                  ...(data.closedAt
                    ? [{ key: 'closed', label: t('field.closedAt'), children: formatDateTime(data.closedAt) }]
                    : []),
                  {
                    key: 'fee',
                    label: t('fee.label'),
                    children: data.feeFen === 0 ? t('fee.free') : `¥${yuan(data.feeFen)}`,
                  },
                ]}
              />
            </Card>
            <Card
              size="small"
              title={t('detail.values')}
              extra={
                correction && (
                  <Typography.Text type="warning" style={{ fontSize: 13 }} data-testid="request-corrected">
                    {t('correct.staffNotice', {
                      at: formatDateTime(correction.at),
                      count: correction.formChanges.length,
                    })}
                  </Typography.Text>
                )
              }
            >
              <RequestValues type={type} form={data.form} changes={correction?.formChanges} />
            </Card>
            <Card size="small" title={t('detail.progress')}>
              <RequestTimeline type={type} events={data.events} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {type && describesBook(type.fields) && (
              <Card size="small" title={t('catalogue:holdings.panelTitle')} data-testid="request-holdings">
                <HoldingsPanel
                  values={data.form}
                  libraryId={data.libraryId}
                  viewpoint="staff"
                  debounceMs={0}
                />
              </Card>
            )}
            <Card size="small" title={t('detail.nextSteps')}>
              {data.allowedActions.length > 0 ? (
                <ActionButtons request={data} type={type} viewpoint="staff" onPick={setAction} />
              ) : (
                <Typography.Text type="secondary" data-testid="request-no-actions">
                  {data.closedAt ? t('detail.closed') : t('detail.readerTurn')}
                </Typography.Text>
              )}
            </Card>
            <Card size="small" title={t('field.assignee')}>
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <Typography.Text data-testid="request-assignee">
                  {data.assignee
                    ? `${data.assignee.name} (${data.assignee.readerNumber})`
                    : t('queue.nobody')}
                </Typography.Text>
                <Space wrap>
                  {canTakeOver && (
                    <Button
                      size="small"
                      loading={assign.isPending}
                      onClick={() => reassign(me.id)}
                      data-testid="request-assign-me"
                    >
                      {t('queue.assignMe')}
                    </Button>
                  )}
                  {data.assignee && (
                    <Button
                      size="small"
                      loading={assign.isPending}
                      onClick={() => reassign(null)}
                      data-testid="request-unassign"
                    >
                      {t('queue.unassign')}
                    </Button>
                  )}
                </Space>
              </Space>
            </Card>
            <Card size="small" title={t('detail.comment')}>
              <CommentBox
                requestId={data.id}
                staff
                maxFiles={type?.attachments.allowed ? type.attachments.maxFiles : 0}
              />
            </Card>
          </Space>
        </Col>
      </Row>

      <TransitionModal
        request={data}
        type={type}
        action={action}
        viewpoint="staff"
        onClose={() => setAction(undefined)}
      />
    </div>
  )
}
