import { App as AntApp, Card, InputNumber, Space, Switch, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import { PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useMyDesk, useSetChatLimit, useSetDuty } from './queries.ts'

/** 我的值班: 上岗 / 下岗 per queue, and how many chats I take at once. */
export const DutyPanel = () => {
  const { t } = useTranslation('referenceDesk')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const me = useSignedIn()
  const desk = useMyDesk()
  const setDuty = useSetDuty()
  const setLimit = useSetChatLimit()
  return (
    <Card size="small" title={t('desk.duty')} data-testid="desk-duty">
      {desk.isPending ? (
        <PageLoading rows={2} />
      ) : desk.data ? (
        <Space orientation="vertical" style={{ width: '100%' }} size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('desk.dutyHint')}
          </Typography.Text>
          {desk.data.queues.map((item) => (
            <div key={item.queue.id} className="sq-desk-duty-row">
              <Typography.Text>{name(item.queue)}</Typography.Text>
              <Switch
                checked={item.onDuty}
                checkedChildren={t('desk.onDuty')}
                unCheckedChildren={t('desk.offDuty')}
                loading={setDuty.isPending && setDuty.variables?.queueId === item.queue.id}
                onChange={(onDuty) =>
                  setDuty.mutate(
                    { queueId: item.queue.id, onDuty },
                    { onError: (error) => void message.error(errorText(error)) },
                  )
                }
                data-testid={`duty-toggle-${item.queue.code}`}
                data-on={item.onDuty}
              />
            </div>
          ))}
          <div className="sq-desk-duty-row">
            <Typography.Text>{t('desk.limit')}</Typography.Text>
            <InputNumber
              min={1}
              max={20}
              size="small"
              value={desk.data.chatLimit}
              onChange={(value) => {
                if (typeof value === 'number' && value !== desk.data?.chatLimit)
                  setLimit.mutate(
                    { accountId: me.id, chatLimit: value },
                    { onError: (error) => void message.error(errorText(error)) },
                  )
              }}
              data-testid="duty-limit"
            />
          </div>
          <Typography.Text type="secondary" data-testid="duty-active">
            {t('desk.activeChats', { count: desk.data.activeChats, limit: desk.data.chatLimit })}
          </Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="danger">{errorText(desk.error)}</Typography.Text>
      )}
    </Card>
  )
}
