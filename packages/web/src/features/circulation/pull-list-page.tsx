import { App as AntApp, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { CirculationTabs } from './circulation-tabs.tsx'
import {
  type PullListLine,
  useMarkLine,
  usePickupPoints,
  usePullList,
  useRequestForReader,
} from './pickup-queries.ts'
import './circulation.css'

/** 委托借阅: the desk asks for items for a reader who phoned, by reader number and barcodes. */
const PhoneRequestForm = () => {
  const { t } = useTranslation(['circulation', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const points = usePickupPoints()
  const create = useRequestForReader()
  const [form] = Form.useForm<{
    readerNumber: string
    barcodes: string
    pickupPointId: string
    note?: string
  }>()

  const submit = (values: { readerNumber: string; barcodes: string; pickupPointId: string; note?: string }) =>
    create
      .mutateAsync({
        readerNumber: values.readerNumber.trim(),
        barcodes: values.barcodes.split(/[\s,，]+/).filter(Boolean),
        pickupPointId: values.pickupPointId,
        ...(values.note ? { note: values.note } : {}),
      })
      .then((request) => {
        message.success(t('pull.requested', { name: request.reader.name, count: request.lines.length }))
        form.resetFields()
      })
      .catch((error: unknown) => void message.error(errorText(error)))

  return (
    <Card size="small" title={t('pull.phoneTitle')} data-testid="phone-request">
      <Form form={form} layout="inline" onFinish={(values) => void submit(values)} style={{ rowGap: 8 }}>
        <Form.Item name="readerNumber" rules={[{ required: true, message: t('pull.readerNumber') }]}>
          <Input
            placeholder={t('pull.readerNumber')}
            data-testid="phone-request-reader"
            style={{ width: 140 }}
          />
        </Form.Item>
        <Form.Item name="barcodes" rules={[{ required: true, message: t('pull.barcodes') }]}>
          <Input
            placeholder={t('pull.barcodes')}
            data-testid="phone-request-barcodes"
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item name="pickupPointId" rules={[{ required: true, message: t('pickup.point') }]}>
          <Select
            placeholder={t('pickup.point')}
            style={{ width: 180 }}
            data-testid="phone-request-point"
            options={(points.data?.items ?? []).map((point) => ({ value: point.id, label: name(point) }))}
          />
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder={t('pull.note')} data-testid="phone-request-note" style={{ width: 180 }} />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending}
          data-testid="phone-request-submit"
        >
          {t('pull.create')}
        </Button>
      </Form>
    </Card>
  )
}

/** 取书单: requested items to pull, in the order of the stacks (location, then call number). */
export const PullListPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('pull.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const list = usePullList()
  const markLine = useMarkLine()

  const mark = (line: PullListLine, outcome: 'found' | 'not_found') =>
    markLine
      .mutateAsync({ lineId: line.id, outcome })
      .then(
        () =>
          void message.success(
            t(outcome === 'found' ? 'pull.markedFound' : 'pull.markedNotFound', { title: line.item.title }),
          ),
      )
      .catch((error: unknown) => void message.error(errorText(error)))

  return (
    <div data-testid="pull-list-page">
      <PageHead title={t('pull.title')} intro={t('pull.intro')} />
      <CirculationTabs current="/staff/circulation/pull-list" />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <PhoneRequestForm />
        <Card size="small">
          {list.isError ? (
            <PageError error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data?.items.length === 0 ? (
            <EmptyHint text={t('pull.empty')} />
          ) : (
            <Table<PullListLine>
              rowKey="id"
              size="small"
              loading={list.isPending}
              pagination={false}
              dataSource={list.data?.items ?? []}
              data-testid="pull-list-table"
              onRow={(line) => ({ 'data-barcode': line.item.barcode }) as object}
              scroll={{ x: 800 }}
              columns={[
                { title: t('pull.location'), render: (_, line) => line.item.location ?? '—' },
                { title: t('pull.callNumber'), render: (_, line) => line.item.callNumber ?? '—' },
                { title: t('pull.item'), render: (_, line) => `${line.item.title}（${line.item.barcode}）` },
                {
                  title: t('pull.reader'),
                  render: (_, line) => (
                    <>
                      {line.reader.name}（{line.reader.readerNumber}）{' '}
                      <Tag>{t(`pull.channel.${line.channel}`)}</Tag>
                    </>
                  ),
                },
                { title: t('pickup.point'), render: (_, line) => name(line.pickupPoint) },
                {
                  title: '',
                  render: (_, line) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => void mark(line, 'found')}
                        data-testid="pull-found"
                      >
                        {t('pull.found')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => void mark(line, 'not_found')}
                        data-testid="pull-not-found"
                      >
                        {t('pull.notFound')}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Card>
      </Space>
    </div>
  )
}
