import {
  DeleteOutlined,
  FilePdfOutlined,
  LinkOutlined,
  UploadOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import { courseTitles, reserveItems } from '@shuqiao/contracts'
import {
  App as AntApp,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { postFile } from '../files/index.ts'
import { DeliveryPanel } from './reserve-delivery.tsx'
import {
  itemFileUploadUrl,
  type NewItem,
  type ReserveItem,
  useAddItem,
  useCourseItems,
  useRemoveItem,
} from './reserve-items-queries.ts'
import { useCourseTitles } from './title-queries.ts'
import { titleName } from './titles-logic.ts'

const REVIEW_COLORS: Record<reserveItems.ReviewStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
}

/** An item's review, copyright share and openings, as tags. */
export const ItemTags = ({ item, shareLimit }: { item: ReserveItem; shareLimit?: number }) => {
  const { t, i18n } = useTranslation('courseReserves')
  const en = i18n.language === 'en'
  const { copyright } = item
  return (
    <Space size={[4, 4]} wrap>
      <Tag icon={item.kind === 'file' ? <FilePdfOutlined /> : <LinkOutlined />}>
        {t(`items.kind.${item.kind}`)}
      </Tag>
      <Tag
        color={REVIEW_COLORS[item.review.status]}
        data-testid="reserve-item-review"
        data-status={item.review.status}
      >
        {t(`items.review.${item.review.status}`)}
      </Tag>
      {copyright.sharePercent !== null && (
        <Tag
          color={copyright.overLimit ? 'warning' : 'default'}
          icon={copyright.overLimit ? <WarningOutlined /> : undefined}
          data-testid="reserve-item-share"
          data-over={copyright.overLimit}
        >
          {copyright.overLimit
            ? shareLimit
              ? t('items.shareOver', { share: copyright.sharePercent, limit: shareLimit })
              : t('items.shareOverPlain', { share: copyright.sharePercent })
            : t('items.share', { share: copyright.sharePercent })}
        </Tag>
      )}
      <Tag>
        {t('items.permission')}:{' '}
        {en
          ? reserveItems.PERMISSION_LABELS[copyright.permission].en
          : reserveItems.PERMISSION_LABELS[copyright.permission].zh}
        {copyright.permissionSource ? ` · ${copyright.permissionSource}` : ''}
      </Tag>
      {item.seatLimit !== null && <Tag>{t('items.seats', { count: item.seatLimit })}</Tag>}
      {item.kind === 'file' && (
        <Tag>{item.downloadable ? t('items.downloadOn') : t('items.downloadOff')}</Tag>
      )}
      <Tag data-testid="reserve-item-openings">{t('items.openings', item.openings)}</Tag>
    </Space>
  )
}

/**
 * A course's reserve items for its teachers and the library's staff: the list with review,
 * copyright and openings; the form to add a link or a PDF; and the links to deliver.
 */
export const ReserveItemsPanel = ({ courseId, staff }: { courseId: string; staff: boolean }) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const items = useCourseItems(courseId)
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const remove = useRemoveItem()
  if (items.isPending) return <PageLoading rows={3} />
  if (items.isError) return <PageError error={items.error} onRetry={() => void items.refetch()} />
  const data = items.data
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="reserve-items">
      <Typography.Text type="secondary">
        {t('items.listLink')}{' '}
        <Typography.Text
          copyable={{ text: `${window.location.origin}${data.permalink}` }}
          data-testid="reserve-course-permalink"
        >
          {data.permalink}
        </Typography.Text>
      </Typography.Text>
      <List
        dataSource={data.items}
        data-testid="reserve-item-list"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('items.none')} /> }}
        renderItem={(item) => (
          <List.Item data-testid="reserve-item" data-item-id={item.id} className="sq-cr-title-item">
            <div className="sq-cr-title-main">
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {item.name}
              </Typography.Text>
              <Typography.Text
                type="secondary"
                copyable={{ text: `${window.location.origin}${item.permalink}` }}
              >
                <a
                  href={item.permalink}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid="reserve-item-permalink"
                >
                  {item.permalink}
                </a>
              </Typography.Text>
              <ItemTags item={item} shareLimit={data.shareLimitPercent} />
              {item.review.reason && (
                <Typography.Text type="danger" data-testid="reserve-item-reason">
                  {t('items.rejectedBecause', { reason: item.review.reason })}
                </Typography.Text>
              )}
            </div>
            <Popconfirm
              title={t('items.removeConfirm')}
              okText={t('items.remove')}
              cancelText={t('common:action.cancel')}
              onConfirm={() =>
                remove.mutate(item.id, {
                  onSuccess: () => void message.success(t('items.removed')),
                  onError: (error) => void message.error(errorText(error)),
                })
              }
            >
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('items.remove')}
                data-testid="reserve-item-remove"
              />
            </Popconfirm>
          </List.Item>
        )}
      />
      <AddItemForm courseId={courseId} staff={staff} />
      <DeliveryPanel courseId={courseId} staff={staff} />
    </Space>
  )
}

interface FormValues {
  name: string
  url?: string
  note?: string
  titleId?: string
  channel?: NewItem['channel']
  downloadable?: boolean
  seatLimit?: number | null
  seatMinutes?: number
  pagesUsed?: number | null
  pagesTotal?: number | null
  permission?: reserveItems.Permission
  permissionSource?: string
}

const AddItemForm = ({ courseId, staff }: { courseId: string; staff: boolean }) => {
  const { t, i18n } = useTranslation(['courseReserves', 'common'])
  const en = i18n.language === 'en'
  const [form] = Form.useForm<FormValues>()
  const [kind, setKind] = useState<'link' | 'file'>('link')
  const [file, setFile] = useState<{ id: string; name: string } | null>(null)
  const [uploading, setUploading] = useState(false)
  const add = useAddItem(courseId)
  const titles = useCourseTitles(courseId)
  const { message } = AntApp.useApp()
  const errorText = useErrorText()

  const submit = (values: FormValues) => {
    if (kind === 'file' && !file) return void message.error(t('items.form.fileFirst'))
    add.mutate(
      {
        kind,
        name: values.name,
        note: values.note?.trim() ? values.note : null,
        ...(kind === 'link' ? { url: values.url } : { fileId: file!.id }),
        titleId: values.titleId ?? null,
        channel: values.channel ?? null,
        downloadable: values.downloadable ?? false,
        seatLimit: values.seatLimit ?? null,
        seatMinutes: values.seatMinutes ?? 30,
        pagesUsed: values.pagesUsed ?? null,
        pagesTotal: values.pagesTotal ?? null,
        permission: values.permission ?? 'not_needed',
        permissionSource: values.permissionSource?.trim() ? values.permissionSource : null,
      },
      {
        onSuccess: (item) => {
          form.resetFields()
          setFile(null)
          void message.success(
            item.review.status === 'pending' ? t('items.form.queued') : t('items.form.added'),
          )
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )
  }

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      data-testid="reserve-item-form"
      className="sq-cr-item-form"
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('items.form.title')}
      </Typography.Title>
      {!staff && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('items.form.reviewHint')}
        </Typography.Paragraph>
      )}
      <Form.Item>
        <Segmented<'link' | 'file'>
          value={kind}
          onChange={setKind}
          data-testid="reserve-item-kind"
          options={[
            { value: 'link', label: t('items.kind.link') },
            { value: 'file', label: t('items.kind.file') },
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label={t('items.form.name')} rules={[{ required: true, max: 300 }]}>
        <Input data-testid="reserve-item-name" />
      </Form.Item>
      {kind === 'link' ? (
        <Form.Item name="url" label={t('items.form.url')} rules={[{ required: true, type: 'url' }]}>
          <Input placeholder="https://" data-testid="reserve-item-url" />
        </Form.Item>
      ) : (
        <Form.Item label={t('items.form.pdf')} extra={file ? file.name : t('items.form.pdfHint')}>
          <Upload
            accept="application/pdf,.pdf"
            showUploadList={false}
            customRequest={({ file: chosen }) => {
              const blob = chosen as File
              setUploading(true)
              postFile<{ id: string; name: string }>(
                itemFileUploadUrl(courseId),
                blob,
                blob.name,
                {
                  onProgress: () => {},
                  onDone: (stored) => {
                    setUploading(false)
                    setFile(stored)
                    if (!form.getFieldValue('name'))
                      form.setFieldValue('name', blob.name.replace(/\.pdf$/i, ''))
                  },
                  onProblem: (problem) => {
                    setUploading(false)
                    void message.error(problem.detail)
                  },
                },
                t('common:error.network'),
              )
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="reserve-item-upload">
              {t('items.form.choosePdf')}
            </Button>
          </Upload>
        </Form.Item>
      )}
      <Form.Item name="titleId" label={t('items.form.forTitle')}>
        <Select
          allowClear
          data-testid="reserve-item-title"
          options={(titles.data?.items ?? []).map((title) => ({
            value: title.id,
            label: titleName(title, ''),
          }))}
        />
      </Form.Item>
      <Form.Item name="channel" label={t('items.form.channel')}>
        <Select
          allowClear
          data-testid="reserve-item-channel"
          options={(['digitised', 'publisher_supplied', 'owned_platform', 'open_access'] as const).map(
            (channel) => ({
              value: channel,
              label: en ? courseTitles.CHANNEL_LABELS[channel].en : courseTitles.CHANNEL_LABELS[channel].zh,
            }),
          )}
        />
      </Form.Item>
      <Space wrap size={[16, 0]}>
        {kind === 'file' && (
          <Form.Item name="downloadable" label={t('items.form.downloadable')} valuePropName="checked">
            <Switch data-testid="reserve-item-downloadable" />
          </Form.Item>
        )}
        <Form.Item name="seatLimit" label={t('items.form.seatLimit')}>
          <InputNumber
            min={1}
            max={10000}
            placeholder={t('items.form.noLimit')}
            data-testid="reserve-item-seat-limit"
          />
        </Form.Item>
        <Form.Item name="seatMinutes" label={t('items.form.seatMinutes')}>
          <InputNumber min={1} max={1440} placeholder="30" />
        </Form.Item>
      </Space>
      <Space wrap size={[16, 0]}>
        <Form.Item name="pagesUsed" label={t('items.form.pagesUsed')}>
          <InputNumber min={0} data-testid="reserve-item-pages-used" />
        </Form.Item>
        <Form.Item name="pagesTotal" label={t('items.form.pagesTotal')}>
          <InputNumber min={1} data-testid="reserve-item-pages-total" />
        </Form.Item>
        <Form.Item name="permission" label={t('items.permission')}>
          <Select
            style={{ minWidth: 140 }}
            data-testid="reserve-item-permission"
            options={reserveItems.PERMISSIONS.map((permission) => ({
              value: permission,
              label: en
                ? reserveItems.PERMISSION_LABELS[permission].en
                : reserveItems.PERMISSION_LABELS[permission].zh,
            }))}
          />
        </Form.Item>
      </Space>
      <Form.Item name="permissionSource" label={t('items.form.permissionSource')}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="note" label={t('items.form.note')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="reserve-item-add">
        {t('items.form.add')}
      </Button>
    </Form>
  )
}
