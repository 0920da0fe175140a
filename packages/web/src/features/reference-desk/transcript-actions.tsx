import { App as AntApp, Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { transcriptUrl, useEmailTranscript } from './tickets-queries.ts'

/** Under an ended chat, for its reader: download the transcript, or have it sent to their e-mail. */
export const TranscriptActions = ({ conversationId }: { conversationId: string }) => {
  const { t } = useTranslation('referenceTickets')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const email = useEmailTranscript()
  return (
    <Space size={4} wrap>
      <Button
        size="small"
        type="link"
        href={transcriptUrl(conversationId)}
        download
        data-testid="chat-transcript-download"
      >
        {t('chat.download')}
      </Button>
      <Button
        size="small"
        type="link"
        loading={email.isPending}
        onClick={() =>
          email.mutate(conversationId, {
            onSuccess: () => void message.success(t('chat.emailed')),
            onError: (error) => void message.error(errorText(error)),
          })
        }
        data-testid="chat-transcript-email"
      >
        {t('chat.email')}
      </Button>
    </Space>
  )
}
