import { SendOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, Input, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useDelivery, useSendDelivery } from './reserve-items-queries.ts'

/**
 * Delivery (E6): the course's links and embed snippets for the online teaching platform; staff
 * also send them to the teachers (in-app notice, and e-mail when mail is configured).
 */
export const DeliveryPanel = ({ courseId, staff }: { courseId: string; staff: boolean }) => {
  const { t } = useTranslation('courseReserves')
  const delivery = useDelivery(courseId, true)
  const send = useSendDelivery(courseId)
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  if (delivery.isPending) return <PageLoading rows={2} />
  if (delivery.isError) return <PageError error={delivery.error} onRetry={() => void delivery.refetch()} />
  const data = delivery.data
  return (
    <Card size="small" title={t('items.delivery.title')} data-testid="reserve-delivery">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('items.delivery.hint')}</Typography.Text>
        <div>
          <Typography.Text strong>{t('items.delivery.list')}</Typography.Text>{' '}
          <Typography.Text copyable={{ text: data.snippets.list }} data-testid="reserve-snippet-list-copy" />
          <Input.TextArea
            readOnly
            value={data.snippets.list}
            autoSize={{ minRows: 2, maxRows: 6 }}
            data-testid="reserve-snippet-list"
          />
        </div>
        <div>
          <Typography.Text strong>{t('items.delivery.iframe')}</Typography.Text>{' '}
          <Typography.Text
            copyable={{ text: data.snippets.iframe }}
            data-testid="reserve-snippet-iframe-copy"
          />
          <Input.TextArea
            readOnly
            value={data.snippets.iframe}
            autoSize={{ minRows: 2, maxRows: 4 }}
            data-testid="reserve-snippet-iframe"
          />
        </div>
        {staff && (
          <Button
            icon={<SendOutlined />}
            loading={send.isPending}
            data-testid="reserve-delivery-send"
            onClick={() =>
              send.mutate(undefined, {
                onSuccess: (answer) => {
                  if (answer.sent.length > 0)
                    void message.success(t('items.delivery.sent', { names: answer.sent.join('、') }))
                  if (answer.withoutAccount.length > 0)
                    void message.warning(
                      t('items.delivery.withoutAccount', { names: answer.withoutAccount.join('、') }),
                    )
                },
                onError: (error) => void message.error(errorText(error)),
              })
            }
          >
            {t('items.delivery.send')}
          </Button>
        )}
      </Space>
    </Card>
  )
}
