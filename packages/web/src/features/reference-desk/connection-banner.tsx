import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DeskSocket, SocketStatus } from './desk-socket.ts'

/** Says when the socket is not connected: connecting, reconnecting (nothing is lost), or refused. */
export const ConnectionBanner = ({
  status,
  socket,
}: {
  status: SocketStatus
  socket: DeskSocket | undefined
}) => {
  const { t } = useTranslation('referenceDesk')
  if (status === 'open') return null
  if (status === 'refused')
    return (
      <Alert
        type="error"
        showIcon
        title={t('connection.refused', { reason: socket?.refusal?.detail ?? '' })}
        data-testid="chat-connection"
        data-status={status}
      />
    )
  return (
    <Alert
      type={status === 'reconnecting' ? 'warning' : 'info'}
      showIcon
      title={status === 'reconnecting' ? t('connection.reconnecting') : t('connection.connecting')}
      data-testid="chat-connection"
      data-status={status}
    />
  )
}
