import { useQueryClient } from '@tanstack/react-query'
import { Card, Tabs, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { ConnectionBanner } from './connection-banner.tsx'
import { DutyPanel } from './duty-panel.tsx'
import { DESK_KEY, useMyActiveChats } from './queries.ts'
import { StaffChat } from './staff-chat.tsx'
import { useDeskSocket } from './use-desk-socket.ts'
import { WaitingList } from './waiting-list.tsx'
import './reference-desk.css'

/**
 * 咨询工作台 at desk width: my duty and the line on the left, my chats in tabs beside them.
 * The socket's desk frames refresh the line and my chats as colleagues and readers act.
 */
export const WorkspacePage = () => {
  const { t } = useTranslation('referenceDesk')
  usePageTitle(t('desk.title'))
  const client = useQueryClient()
  const { socket, status } = useDeskSocket(true)
  const chats = useMyActiveChats()
  const [active, setActive] = useState<string>()
  const items = chats.data?.items ?? []
  const shown = items.some((chat) => chat.id === active) ? active : items[0]?.id

  useEffect(
    () =>
      socket?.onFrame((frame) => {
        if (frame.type === 'desk' || frame.type === 'conversation')
          void client.invalidateQueries({ queryKey: DESK_KEY })
      }),
    [socket, client],
  )

  return (
    <div data-testid="desk-page">
      <PageHead title={t('desk.title')} />
      <ConnectionBanner status={status} socket={socket} />
      <div className="sq-desk-workspace" style={{ marginTop: 12 }}>
        <div className="sq-desk-side">
          <DutyPanel />
          <WaitingList onClaimed={setActive} />
        </div>
        <Card size="small" title={t('desk.myChats')} data-testid="desk-chats">
          {items.length === 0 ? (
            <Typography.Text type="secondary">{t('desk.noChats')}</Typography.Text>
          ) : (
            <Tabs
              activeKey={shown}
              onChange={setActive}
              items={items.map((chat) => ({
                key: chat.id,
                // Every chat of mine follows its messages, not only the tab on screen.
                forceRender: true,
                label: <span data-testid="desk-chat-tab">{chat.asker.name}</span>,
                children: <StaffChat socket={socket} conversation={chat} visible={chat.id === shown} />,
              }))}
            />
          )}
        </Card>
      </div>
    </div>
  )
}
