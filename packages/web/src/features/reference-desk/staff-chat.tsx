import type { referenceDesk } from '@shuqiao/contracts'
import { App as AntApp, Button, Popconfirm, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { CannedRepliesPicker } from './canned-replies-picker.tsx'
import { ChatAttachments } from './chat-attachments.tsx'
import { ChatPanel } from './chat-panel.tsx'
import type { DeskSocket } from './desk-socket.ts'
import { FaqLookup } from './faq-lookup.tsx'
import { useCloseChat } from './queries.ts'
import { TransferModal } from './transfer-modal.tsx'

/** One of my chats in the workspace: who asks, the messages, transfer and end. */
export const StaffChat = ({
  socket,
  conversation,
  visible,
}: {
  socket: DeskSocket | undefined
  conversation: referenceDesk.Conversation
  visible: boolean
}) => {
  const { t } = useTranslation('referenceDesk')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const close = useCloseChat()
  const [transferring, setTransferring] = useState(false)
  const [inserted, setInserted] = useState<{ text: string; at: number }>()
  return (
    <>
      <ChatPanel
        socket={socket}
        conversationId={conversation.id}
        side="staff"
        visible={visible}
        canWrite={(status) => status === 'active'}
        inserted={inserted}
        header={(live) => {
          const current = live ?? conversation
          return (
            <div className="sq-chat-bar" data-testid="desk-chat-head">
              <div className="sq-chat-head">
                <Typography.Text strong>
                  {current.asker.name}{' '}
                  {current.asker.kind === 'guest' ? (
                    <Tag>{t('desk.guest')}</Tag>
                  ) : (
                    current.asker.readerNumber && (
                      <Typography.Text type="secondary">
                        {t('desk.readerNumber', { number: current.asker.readerNumber })}
                      </Typography.Text>
                    )
                  )}
                </Typography.Text>
                <Typography.Text type="secondary" data-testid="desk-chat-status" data-status={current.status}>
                  {name(current.queue)} · {t(`status.${current.status}Staff`)}
                </Typography.Text>
              </div>
              {current.status !== 'closed' && (
                <Space>
                  <Button onClick={() => setTransferring(true)} data-testid="desk-transfer">
                    {t('desk.transfer')}
                  </Button>
                  <Popconfirm
                    title={t('desk.closeConfirm')}
                    okButtonProps={{ 'data-testid': 'desk-close-confirm' } as Record<string, string>}
                    onConfirm={() =>
                      close.mutate(conversation.id, {
                        onError: (error) => void message.error(errorText(error)),
                      })
                    }
                  >
                    <Button danger data-testid="desk-close">
                      {t('desk.close')}
                    </Button>
                  </Popconfirm>
                </Space>
              )}
            </div>
          )
        }}
      />
      <ChatAttachments conversationId={conversation.id} canSend={conversation.status !== 'closed'} />
      {conversation.status !== 'closed' && (
        <>
          <CannedRepliesPicker onInsert={(text) => setInserted({ text, at: Date.now() })} />
          <FaqLookup onInsert={(text) => setInserted({ text, at: Date.now() })} />
        </>
      )}
      <TransferModal conversation={conversation} open={transferring} onClose={() => setTransferring(false)} />
    </>
  )
}
