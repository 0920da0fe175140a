import { PaperClipOutlined } from '@ant-design/icons'
import { referenceDesk } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Button, Image, Space, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ApiProblem, call } from '../../api/client.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { sendFile } from '../files/upload-request.ts'
import { guestAttachmentUrl, listGuestAttachments, sendGuestAttachment } from './guest-attachments.ts'
import { DESK_KEY } from './queries.ts'

const attachmentsKey = (conversationId: string) => [...DESK_KEY, 'attachments', conversationId]

const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf'

/** Uploads through POST /api/files, then sends the file into the chat. */
const uploadAndSend = (conversationId: string, file: File, networkDetail: string) =>
  new Promise<referenceDesk.ChatAttachment>((resolve, reject) => {
    sendFile(
      file,
      file.name,
      {
        onProgress: () => undefined,
        onDone: (uploaded) =>
          void call(referenceDesk.sendChatAttachment, {
            params: { conversationId },
            body: { fileId: uploaded.id },
          }).then(resolve, reject),
        onProblem: (problem: ApiProblem) => reject(problem),
      },
      networkDetail,
    )
  })

/** A guest's image, fetched with their token into an object URL while it is shown. */
const GuestImage = ({ item, token }: { item: referenceDesk.ChatAttachment; token: string }) => {
  const { t } = useTranslation('common')
  const [src, setSrc] = useState<string>()
  useEffect(() => {
    let url: string | undefined
    let gone = false
    guestAttachmentUrl(item.url, token, t('error.network')).then(
      (made) => {
        url = made
        if (gone) URL.revokeObjectURL(made)
        else setSrc(made)
      },
      () => undefined,
    )
    return () => {
      gone = true
      if (url) URL.revokeObjectURL(url)
    }
  }, [item.url, token, t])
  return <Image src={src} alt={item.name} width={72} height={72} data-testid="chat-attachment-image" />
}

/** Opens a guest's PDF in a new tab from an object URL (a plain link would lack the token). */
const openGuestFile = (item: referenceDesk.ChatAttachment, token: string, networkDetail: string) =>
  guestAttachmentUrl(item.url, token, networkDetail).then((url) => {
    window.open(url, '_blank', 'noopener')
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  })

/**
 * The chat's images (shown) and PDFs (links), with a button to send one while the chat is open.
 * Signed-in readers and staff upload through platform files; a guest (`guestToken`) uploads
 * straight into their chat, within the same kinds and size.
 */
export const ChatAttachments = ({
  conversationId,
  canSend,
  guestToken,
}: {
  conversationId: string
  canSend: boolean
  guestToken?: string | undefined
}) => {
  const { t } = useTranslation(['referenceDesk', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const client = useQueryClient()
  const input = useRef<HTMLInputElement>(null)
  const list = useQuery({
    queryKey: attachmentsKey(conversationId),
    queryFn: () =>
      guestToken
        ? listGuestAttachments(conversationId, guestToken, t('common:error.network'))
        : call(referenceDesk.listChatAttachments, { params: { conversationId } }),
    refetchInterval: 15_000,
  })
  const send = useMutation({
    mutationFn: (file: File) =>
      guestToken
        ? sendGuestAttachment(conversationId, guestToken, file, t('common:error.network'))
        : uploadAndSend(conversationId, file, t('common:error.network')),
    onSuccess: () => client.invalidateQueries({ queryKey: attachmentsKey(conversationId) }),
    onError: (error) => void message.error(errorText(error)),
  })
  const items = list.data?.items ?? []
  if (!canSend && items.length === 0) return null
  return (
    <div className="sq-chat-files" data-testid="chat-attachments">
      {items.length > 0 && (
        <Space wrap size={8}>
          {items.map((item) =>
            item.display === 'image' && guestToken ? (
              <GuestImage key={item.fileId} item={item} token={guestToken} />
            ) : item.display === 'image' ? (
              <Image
                key={item.fileId}
                src={item.url}
                alt={item.name}
                width={72}
                height={72}
                data-testid="chat-attachment-image"
              />
            ) : (
              <Typography.Link
                key={item.fileId}
                href={guestToken ? undefined : item.url}
                target="_blank"
                onClick={
                  guestToken
                    ? () =>
                        void openGuestFile(item, guestToken, t('common:error.network')).catch(
                          (error: unknown) => message.error(errorText(error)),
                        )
                    : undefined
                }
                data-testid="chat-attachment-file"
              >
                <PaperClipOutlined /> {item.name}
              </Typography.Link>
            ),
          )}
        </Space>
      )}
      {canSend && (
        <>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file) send.mutate(file)
              event.target.value = ''
            }}
            data-testid="chat-attach-input"
          />
          <Button
            size="small"
            icon={<PaperClipOutlined />}
            loading={send.isPending}
            onClick={() => input.current?.click()}
            data-testid="chat-attach"
          >
            {t('attachments.send')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
            {t('attachments.hint')}
          </Typography.Text>
        </>
      )}
    </div>
  )
}
