import { PaperClipOutlined } from '@ant-design/icons'
import type { RequestType } from '@shuqiao/contracts'
import { Button, Space, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import type { RequestDetail } from './queries.ts'
import { isFinal, statusColour, transitionOf, useText } from './request-types.ts'

/** The steps the caller may take now, as the server lists them; a paperclip marks those needing a file. */
export const ActionButtons = ({
  request,
  type,
  viewpoint,
  onPick,
}: {
  request: RequestDetail
  type: RequestType | undefined
  viewpoint: 'reader' | 'staff'
  onPick: (action: string) => void
}) => {
  const { t } = useTranslation('requests')
  const text = useText()
  const label = (action: string) => text(transitionOf(type, action, viewpoint)?.label) || action
  return (
    <Space wrap size={8} data-testid="request-actions">
      {request.allowedActions.map((allowed, index) => {
        const negative =
          isFinal(type, allowed.to) && ['error', 'default'].includes(statusColour(type, allowed.to))
        const button = (
          <Button
            key={allowed.action}
            type={index === 0 && !negative ? 'primary' : 'default'}
            danger={negative}
            icon={allowed.needsFile ? <PaperClipOutlined /> : undefined}
            onClick={() => onPick(allowed.action)}
            data-testid={`request-action-${allowed.action}`}
          >
            {label(allowed.action)}
          </Button>
        )
        return allowed.needsFile ? (
          <Tooltip key={allowed.action} title={t('action.needsFile')}>
            {button}
          </Tooltip>
        ) : (
          button
        )
      })}
    </Space>
  )
}
