import type { courseTitles } from '@shuqiao/contracts'
import {
  App as AntApp,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Timeline,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { fieldsFor, TITLE_CHANNELS } from './fulfilment-logic.ts'
import {
  type TitleEvent,
  useAssignees,
  useAssignTitle,
  useChangeStatus,
  useLinkPublisher,
  usePublishers,
  useTitleWork,
} from './fulfilment-queries.ts'
import { TitleStatusTag, TitleText } from './title-parts.tsx'
import type { StaffTitle } from './title-queries.ts'

interface Values {
  status?: courseTitles.TitleStatus
  channel?: courseTitles.TitleChannel
  url?: string
  platform?: string
  reason?: string
  note?: string
}

/**
 * A title's fulfilment work in the staff console: where it stands, who works on it, its
 * publisher, a status change to one of the allowed next statuses, and its history.
 */
export const TitleWorkDrawer = ({
  title,
  onClose,
}: {
  title: StaffTitle | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const work = useTitleWork(title?.id)
  return (
    <Drawer
      open={!!title}
      onClose={onClose}
      title={t('fulfilment.drawerTitle')}
      size={520}
      destroyOnHidden
      data-testid="title-work-drawer"
    >
      {title && (
        <>
          <TitleText title={title} />
          <Divider style={{ margin: '12px 0' }} />
          {work.isPending ? (
            <PageLoading />
          ) : work.isError ? (
            <PageError error={work.error} onRetry={() => void work.refetch()} />
          ) : (
            <WorkBody titleId={title.id} work={work.data} />
          )}
        </>
      )}
    </Drawer>
  )
}

const WorkBody = ({
  titleId,
  work,
}: {
  titleId: string
  work: NonNullable<ReturnType<typeof useTitleWork>['data']>
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const assignees = useAssignees()
  const publishers = usePublishers()
  const assign = useAssignTitle(titleId)
  const link = useLinkPublisher(titleId)
  const change = useChangeStatus(titleId)
  const [form] = Form.useForm<Values>()
  const status = Form.useWatch('status', form)
  const needs = fieldsFor(status)

  const submit = (values: Values) =>
    change.mutate(
      {
        status: values.status!,
        ...(needs.channel ? { channel: values.channel } : {}),
        ...(needs.link && values.url
          ? {
              link: {
                url: values.url.trim(),
                ...(values.platform?.trim() ? { platform: values.platform.trim() } : {}),
              },
            }
          : {}),
        ...(needs.reason ? { reason: values.reason ?? '' } : {}),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      },
      {
        onSuccess: (answer) => {
          void message.success(t('fulfilment.moved', { status: t(`titles.status_${answer.status}`) }))
          form.resetFields()
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, { 'link.url': 'url' })) void message.error(errorText(error))
        },
      },
    )

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('titles.status')}>
          <Space orientation="vertical" size={2}>
            <TitleStatusTag status={work.status} channel={work.channel} />
            {work.link && (
              <Typography.Link href={work.link.url} target="_blank" rel="noopener noreferrer">
                {work.link.platform || work.link.url}
              </Typography.Link>
            )}
            {work.unavailableReason && (
              <Typography.Text type="secondary" data-testid="title-unavailable-reason">
                {work.unavailableReason}
              </Typography.Text>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('fulfilment.assignee')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            placeholder={t('fulfilment.nobody')}
            value={work.assignee?.id}
            loading={assignees.isPending || assign.isPending}
            onChange={(assigneeId: string | undefined) =>
              assign.mutate(
                { assigneeId: assigneeId ?? null },
                {
                  onSuccess: () => void message.success(t('fulfilment.assigned')),
                  onError: (error) => void message.error(errorText(error)),
                },
              )
            }
            options={(assignees.data?.items ?? []).map((person) => ({
              value: person.id,
              label: person.subjectLibrarian
                ? `${person.name} · ${person.departments.map((department) => department.nameZh).join('、') || t('fulfilment.subjectLibrarian')}`
                : person.name,
            }))}
            data-testid="title-assignee-select"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('publishers.publisher')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            placeholder={t('publishers.noPublisher')}
            value={work.publisher?.id}
            loading={publishers.isPending || link.isPending}
            onChange={(publisherId: string | undefined) =>
              link.mutate(publisherId ?? null, {
                onError: (error) => void message.error(errorText(error)),
              })
            }
            options={(publishers.data?.items ?? []).map((publisher) => ({
              value: publisher.id,
              label: publisher.name,
            }))}
            data-testid="title-publisher-select"
          />
          {work.publisher && !work.publisher.linked && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('publishers.matchedByName')}
            </Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>

      <div>
        <Typography.Title level={5}>{t('fulfilment.change')}</Typography.Title>
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="title-status-form">
          <Form.Item name="status" label={t('fulfilment.nextStatus')} rules={[{ required: true }]}>
            <Select
              options={work.next.map((next) => ({ value: next, label: t(`titles.status_${next}`) }))}
              data-testid="title-status-select"
            />
          </Form.Item>
          {needs.channel && (
            <Form.Item name="channel" label={t('fulfilment.channel')} rules={[{ required: true }]}>
              <Select
                options={TITLE_CHANNELS.map((channel) => ({
                  value: channel,
                  label: t(`titles.channel_${channel}`),
                }))}
                data-testid="title-status-channel"
              />
            </Form.Item>
          )}
          {needs.link && (
            <>
              <Form.Item
                name="url"
                label={t('fulfilment.link')}
                rules={[{ required: true, type: 'url', message: t('fulfilment.linkHint') }]}
              >
                <Input maxLength={2000} placeholder="https://" data-testid="title-status-link" />
              </Form.Item>
              <Form.Item name="platform" label={t('fulfilment.platform')}>
                <Input maxLength={100} data-testid="title-status-platform" />
              </Form.Item>
            </>
          )}
          {needs.reason && (
            <Form.Item
              name="reason"
              label={t('fulfilment.reason')}
              rules={[{ required: true, whitespace: true, message: t('fulfilment.reasonHint') }]}
            >
              <Input.TextArea rows={2} maxLength={500} data-testid="title-status-reason" />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('fulfilment.note')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="title-status-note" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={change.isPending}
            data-testid="title-status-submit"
          >
            {t('fulfilment.save')}
          </Button>
        </Form>
      </div>

      <div>
        <Typography.Title level={5}>{t('fulfilment.history')}</Typography.Title>
        {work.history.length === 0 ? (
          <Typography.Text type="secondary">{t('fulfilment.noHistory')}</Typography.Text>
        ) : (
          <Timeline
            data-testid="title-history"
            items={[...work.history].reverse().map((event) => ({
              key: event.id,
              content: <HistoryLine event={event} />,
            }))}
          />
        )}
      </div>
    </Space>
  )
}

const HistoryLine = ({ event }: { event: TitleEvent }) => {
  const { t } = useTranslation('courseReserves')
  const what =
    event.kind === 'status'
      ? t('fulfilment.event.status', {
          from: event.from ? t(`titles.status_${event.from}`) : '',
          to: event.to ? t(`titles.status_${event.to}`) : '',
        })
      : event.assignee
        ? t('fulfilment.event.assigned', { name: event.assignee.name })
        : t('fulfilment.event.unassigned')
  return (
    <div data-testid="title-history-item" data-kind={event.kind} data-to={event.to ?? undefined}>
      <div>{what}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {dayjs(event.at).format('YYYY-MM-DD HH:mm')} · {event.actor?.name ?? t('fulfilment.bySystem')}
      </Typography.Text>
      {event.note && <div style={{ whiteSpace: 'pre-wrap' }}>{event.note}</div>}
    </div>
  )
}
