import { ArrowLeftOutlined } from '@ant-design/icons'
import { Alert, Card, Descriptions, Space, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { formatDateTime } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { ActionButtons } from './action-buttons.tsx'
import { CommentBox } from './comment-box.tsx'
import { CorrectForm } from './correct-form.tsx'
import { useRequest } from './queries.ts'
import { DueDate, RequestValues, StatusTag } from './request-parts.tsx'
import { RequestTimeline } from './request-timeline.tsx'
import { requestTypeOf, statusColour, transitionOf, useText, yuan } from './request-types.ts'
import { SubjectName } from './subject-parts.tsx'
import { TransitionModal } from './transition-modal.tsx'
import './requests.css'

/** One of the reader's requests: what was asked, where it stands, what happened, what they can do. */
export const RequestPage = () => {
  const { t } = useTranslation(['requests', 'common'])
  const { requestId } = useParams()
  const text = useText()
  const request = useRequest(requestId)
  const [action, setAction] = useState<string>()
  // A step that sends the form again, corrected (修改后重新提交), opens the form in the page.
  const [correcting, setCorrecting] = useState<string>()
  const correctRef = useRef<HTMLDivElement>(null)
  const type = request.data ? requestTypeOf(request.data.type) : undefined
  usePageTitle(request.data ? `${request.data.number}` : t('detail.title'))
  const correctable = request.data?.allowedActions.find(
    (allowed) => transitionOf(type, allowed.action, 'reader')?.correctsForm,
  )
  const open = correcting && correctable?.action === correcting ? correcting : undefined
  useEffect(() => {
    if (open) correctRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })
  }, [open])

  if (request.isPending) return <PageLoading rows={8} />
  if (request.isError)
    return <PageError error={request.error} onRetry={() => void request.refetch()} backTo="/requests" />
  const data = request.data
  const yourTurn = statusColour(type, data.status) === 'warning' && data.allowedActions.length > 0

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="request-page">
      <div>
        <LinkButton to="/requests" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('mine.title')}
        </LinkButton>
        <div className="sq-req-card-head" style={{ alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: '4px 0' }}>
            {type ? text(type.name) : data.type}
          </Typography.Title>
          <StatusTag type={type} status={data.status} />
        </div>
        <Typography.Text type="secondary" copyable data-testid="request-number">
          {data.number}
        </Typography.Text>
      </div>

      {yourTurn && (
        <Alert type="warning" showIcon title={t('detail.yourTurn')} data-testid="request-your-turn" />
      )}

      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'submitted', label: t('field.submittedAt'), children: formatDateTime(data.submittedAt) },
            data.closedAt
              ? { key: 'closed', label: t('field.closedAt'), children: formatDateTime(data.closedAt) }
              : {
                  key: 'due',
                  label: t('field.dueDate'),
                  children: <DueDate date={data.dueDate} overdue={data.overdue} />,
                },
            {
              key: 'fee',
              label: t('fee.label'),
              children: data.feeFen === 0 ? t('fee.free') : `¥${yuan(data.feeFen)}`,
            },
            ...(data.subjectId
              ? [
                  {
                    key: 'subject',
                    label: t('subject.label'),
                    children: <SubjectName libraryId={data.libraryId} subjectId={data.subjectId} />,
                  },
                ]
              : []),
            {
              key: 'assignee',
              label: t('field.handledBy'),
              children: data.assignee ? data.assignee.name : t('detail.notYetAssigned'),
            },
          ]}
        />
      </Card>

      {data.confirmation && type?.confirmation && (
        <Alert
          type="success"
          showIcon
          title={t('confirmation.ready', { name: text(type.confirmation.name) })}
          description={t('confirmation.readyHint')}
          action={
            <LinkButton
              to={`/requests/${data.id}/confirmation`}
              type="primary"
              data-testid="request-confirmation"
            >
              {t('confirmation.open')}
            </LinkButton>
          }
          data-testid="request-confirmation-ready"
        />
      )}

      {data.allowedActions.length > 0 && (
        <Card size="small" title={t('detail.whatYouCanDo')}>
          <ActionButtons
            request={data}
            type={type}
            viewpoint="reader"
            onPick={(picked) => (picked === correctable?.action ? setCorrecting(picked) : setAction(picked))}
          />
          {yourTurn && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '8px 0 0' }}>
              {correctable
                ? t('correct.hint', { action: text(transitionOf(type, correctable.action, 'reader')?.label) })
                : t('detail.resubmitHint')}
            </Typography.Paragraph>
          )}
        </Card>
      )}

      {open && type ? (
        <div ref={correctRef} style={{ scrollMarginTop: 72 }}>
          <CorrectForm request={data} type={type} action={open} onDone={() => setCorrecting(undefined)} />
        </div>
      ) : (
        <Card size="small" title={t('detail.values')}>
          <RequestValues type={type} form={data.form} />
        </Card>
      )}

      <Card size="small" title={t('detail.progress')}>
        <RequestTimeline type={type} events={data.events} />
      </Card>

      <Card size="small" title={t('detail.comment')}>
        <CommentBox
          requestId={data.id}
          staff={false}
          maxFiles={type?.attachments.allowed ? type.attachments.maxFiles : 0}
        />
      </Card>

      <TransitionModal
        request={data}
        type={type}
        action={action}
        viewpoint="reader"
        onClose={() => setAction(undefined)}
      />
    </Space>
  )
}
