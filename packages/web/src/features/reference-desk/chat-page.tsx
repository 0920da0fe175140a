import type { referenceDesk } from '@shuqiao/contracts'
import { useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Input, Popconfirm, Select, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { isProblem } from '../../api/client.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useLibraries, useMe } from '../session/queries.ts'
import { askParams } from './ask-params.ts'
import { ChatAttachments } from './chat-attachments.tsx'
import { ChatPanel } from './chat-panel.tsx'
import { ChatStatus } from './chat-status.tsx'
import { ConnectionBanner } from './connection-banner.tsx'
import { type GuestSession, readGuestSession, saveGuestSession } from './guest-session.ts'
import { LeaveQuestion } from './leave-question.tsx'
import {
  DESK_KEY,
  useCloseChat,
  useMyChats,
  usePublicQueues,
  useStartChat,
  useStartGuestChat,
} from './queries.ts'
import { RatingCard } from './ratings.tsx'
import { SubjectPicker } from './subject-routing-picker.tsx'
import { TopicPicker } from './topic-picker.tsx'
import { useDeskSocket } from './use-desk-socket.ts'
import './reference-desk.css'

type PublicQueues = { items: referenceDesk.QueueStatus[] }

/**
 * 在线咨询 for readers, phone first: pick a topic that has a librarian on duty, wait in line,
 * chat. Signed-in readers ask at their library; guests at a library that takes guests (?library=).
 */
export const ChatPage = () => {
  const { t } = useTranslation(['referenceDesk', 'common'])
  usePageTitle(t('ask.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const client = useQueryClient()
  const me = useMe()
  const libraries = useLibraries()
  const [search, setSearch] = useSearchParams()
  const [guest, setGuest] = useState<GuestSession | undefined>(readGuestSession)
  const [nickname, setNickname] = useState('')
  const [starting, setStarting] = useState<string>()
  // The topic whose question form is open (a ticket instead of a chat); '' for no topic yet.
  const [leaveFor, setLeaveFor] = useState<string>()

  const signedIn = !!me.data
  const libraryCode = search.get('library')
  const libraryId =
    me.data?.library?.id ??
    guest?.libraryId ??
    libraries.data?.items.find((library) => library.code === libraryCode)?.id
  const queues = usePublicQueues(libraryId)
  const mine = useMyChats(signedIn)
  const openChat = mine.data?.items.find((chat) => chat.status !== 'closed')
  const chosen = search.get('chat') ?? undefined
  const chatId = signedIn ? (chosen ?? openChat?.id) : guest?.conversationId
  const { socket, status } = useDeskSocket(signedIn || !!guest, signedIn ? undefined : guest?.token)
  const start = useStartChat()
  const [subject, setSubject] = useState<string>()
  const startGuest = useStartGuestChat()
  const close = useCloseChat()

  // Desk frames keep the topics' online marks fresh without asking the server again.
  useEffect(
    () =>
      socket?.onFrame((frame) => {
        // A chat that ended elsewhere (a librarian closed it) is no longer the reader's open one.
        if (frame.type === 'conversation' && frame.conversation.status === 'closed')
          void client.invalidateQueries({ queryKey: [...DESK_KEY, 'mine'] })
        if (frame.type !== 'desk' || frame.libraryId !== libraryId) return
        client.setQueryData<PublicQueues>([...DESK_KEY, 'public-queues', libraryId], (current) =>
          current
            ? { items: current.items.map((queue) => ({ ...queue, online: frame.online[queue.id] ?? false })) }
            : current,
        )
      }),
    [socket, client, libraryId],
  )

  if (me.isPending || (signedIn && mine.isPending)) return <PageLoading rows={5} />

  const onStart = (queue: referenceDesk.QueueStatus) => {
    setStarting(queue.id)
    const done = () => setStarting(undefined)
    // The last librarian went off duty since the topics were shown: leave a question instead.
    const onError = (error: unknown) => {
      if (!isProblem(error, 'reference_desk_offline')) return void message.error(errorText(error))
      void message.info(t('ask.wentOffline'))
      setLeaveFor(queue.id)
      void queues.refetch()
    }
    if (signedIn) {
      start.mutate(
        { queueId: queue.id, subject },
        {
          onSuccess: (chat) => setSearch(askParams(search, { chat: chat.id })),
          onError,
          onSettled: done,
        },
      )
      return
    }
    if (!nickname.trim()) {
      void message.warning(t('ask.nicknameRequired'))
      done()
      return
    }
    startGuest.mutate(
      { queueId: queue.id, nickname: nickname.trim(), subject },
      {
        onSuccess: (chat) => {
          const session = {
            token: chat.guestToken,
            conversationId: chat.conversation.id,
            libraryId: chat.conversation.libraryId,
            name: chat.guest.name,
          }
          saveGuestSession(session)
          setGuest(session)
        },
        onError,
        onSettled: done,
      },
    )
  }

  const startAgain = () => {
    if (signedIn) setSearch(askParams(search))
    else {
      saveGuestSession(undefined)
      setGuest(undefined)
    }
  }

  const kept = askParams(search).toString()
  const signInTo = `/sign-in?returnTo=${encodeURIComponent(kept ? `/ask?${kept}` : '/ask')}`
  const faqSearch = new URLSearchParams()
  if (!signedIn && libraryCode) faqSearch.set('library', libraryCode)
  if (search.get('embed') === '1') faqSearch.set('embed', '1')
  const faqTo = faqSearch.size > 0 ? `/faq?${faqSearch}` : '/faq'
  // The widget names its topic (`?queue=`): that topic alone, with the others a click away.
  const queueCode = search.get('queue')

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="ask-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ask.title')}
      </Typography.Title>
      {chatId ? (
        <>
          <ConnectionBanner status={status} socket={socket} />
          <ChatPanel
            socket={socket}
            conversationId={chatId}
            side="reader"
            faqLibrary={
              signedIn
                ? null
                : (libraries.data?.items.find((library) => library.id === guest?.libraryId)?.code ?? null)
            }
            canWrite={(current) => current !== 'closed'}
            header={(conversation) => (
              <>
                <div className="sq-chat-bar">
                  <ChatStatus conversation={conversation} />
                  {conversation?.status === 'closed' ? (
                    <Button type="primary" onClick={startAgain} data-testid="chat-new">
                      {t('ask.newChat')}
                    </Button>
                  ) : (
                    signedIn && (
                      <Popconfirm
                        title={t('ask.endConfirm')}
                        onConfirm={() =>
                          close.mutate(chatId, { onError: (error) => void message.error(errorText(error)) })
                        }
                      >
                        <Button danger data-testid="chat-end">
                          {t('ask.end')}
                        </Button>
                      </Popconfirm>
                    )
                  )}
                </div>
                {conversation?.status === 'closed' && (
                  <RatingCard conversationId={chatId} guestToken={signedIn ? undefined : guest?.token} />
                )}
                <ChatAttachments
                  conversationId={chatId}
                  canSend={conversation?.status !== 'closed'}
                  guestToken={signedIn ? undefined : guest?.token}
                />
              </>
            )}
          />
          {!signedIn && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ask.guestNote')}
            </Typography.Text>
          )}
        </>
      ) : (
        <>
          {!signedIn && (
            <Select
              placeholder={t('ask.chooseLibrary')}
              value={libraryId}
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              onChange={(id) => {
                const code = libraries.data?.items.find((library) => library.id === id)?.code
                if (code) setSearch(askParams(search, { library: code }))
              }}
              data-testid="ask-library"
              style={{ width: '100%' }}
            />
          )}
          {!signedIn && libraryId && (
            <Input
              value={nickname}
              maxLength={30}
              placeholder={t('ask.nicknameHint')}
              aria-label={t('ask.nickname')}
              onChange={(event) => setNickname(event.target.value)}
              data-testid="ask-nickname"
            />
          )}
          {libraryId && (
            <Link to={faqTo} data-testid="ask-faq-link">
              {t('faq.stillLooking')}
            </Link>
          )}
          {libraryId && (
            <SubjectPicker
              value={subject}
              onChange={setSubject}
              library={
                signedIn
                  ? null
                  : (libraries.data?.items.find((library) => library.id === libraryId)?.code ?? null)
              }
            />
          )}
          {libraryId && <Typography.Text strong>{t('ask.pickTopic')}</Typography.Text>}
          {queues.isError && <PageError error={queues.error} onRetry={() => void queues.refetch()} />}
          {queues.isPending && libraryId && <PageLoading rows={3} />}
          {queues.data && (
            <TopicPicker
              queues={queues.data.items}
              preselected={queueCode ?? undefined}
              guest={!signedIn}
              starting={starting}
              onStart={onStart}
              onLeave={(queue) => setLeaveFor(queue.id)}
              signInTo={signInTo}
            />
          )}
          {queues.data && (
            <LeaveQuestion
              signedIn={signedIn}
              queues={queues.data.items}
              openFor={leaveFor}
              onOpen={setLeaveFor}
              embedded={search.get('embed') === '1'}
            />
          )}
        </>
      )}
    </Space>
  )
}
