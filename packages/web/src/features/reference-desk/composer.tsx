import { SendOutlined } from '@ant-design/icons'
import { referenceDesk } from '@shuqiao/contracts'
import { Button, Input, Switch, Typography } from 'antd'
import { type KeyboardEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCannedExpansion } from './canned-replies.queries.ts'

/**
 * Where a message is written: Enter sends (not while an input method is composing Chinese),
 * Shift+Enter starts a new line; staff may switch to an internal note.
 */
export const Composer = ({
  staff,
  disabled,
  onSend,
  onTyping,
  onDraft,
  inserted,
}: {
  staff: boolean
  disabled: boolean
  onSend: (text: string, note: boolean) => void
  onTyping: () => void
  /** Told of the text as it is written, e.g. to suggest FAQ answers. */
  onDraft?: (text: string) => void
  /** Text to add to what is written (an FAQ answer staff chose); `at` tells one insert from the next. */
  inserted?: { text: string; at: number } | undefined
}) => {
  const { t } = useTranslation('referenceDesk')
  const [text, setText] = useState('')
  // Staff type `/code` and a space to insert a canned reply.
  const expand = useCannedExpansion(staff)
  useEffect(() => {
    if (inserted)
      setText((current) => (current.trim() ? `${current.trimEnd()}\n${inserted.text}` : inserted.text))
  }, [inserted])
  useEffect(() => onDraft?.(text), [text, onDraft])
  const [note, setNote] = useState(false)
  const length = [...text].length
  const problem = referenceDesk.chatTextProblem(text)
  const tooLong = problem === 'message_too_long'

  const submit = () => {
    if (disabled || problem) return
    onSend(text, note)
    setText('')
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    submit()
  }

  return (
    <div className={`sq-chat-composer ${note ? 'note' : ''}`} data-testid="chat-composer">
      {staff && (
        <span className="sq-chat-note-switch">
          <Switch
            size="small"
            checked={note}
            onChange={setNote}
            aria-label={t('chat.note')}
            data-testid="chat-note-toggle"
          />
          <span aria-hidden>{t('chat.note')}</span>
        </span>
      )}
      <div className="sq-chat-input">
        <Input.TextArea
          value={text}
          disabled={disabled}
          autoSize={{ minRows: 1, maxRows: 5 }}
          placeholder={
            note ? t('chat.notePlaceholder') : staff ? t('chat.staffPlaceholder') : t('chat.placeholder')
          }
          aria-label={note ? t('chat.note') : t('chat.send')}
          status={tooLong ? 'error' : undefined}
          onChange={(event) => {
            setText(staff ? expand(event.target.value) : event.target.value)
            if (!note && event.target.value) onTyping()
          }}
          onKeyDown={onKeyDown}
          enterKeyHint="send"
          data-testid="chat-input"
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          disabled={disabled || problem !== null}
          onClick={submit}
          aria-label={t('chat.send')}
          data-testid="chat-send"
        />
      </div>
      {length > referenceDesk.CHAT_TEXT_MAX * 0.9 && (
        <Typography.Text
          type={tooLong ? 'danger' : 'secondary'}
          style={{ fontSize: 12 }}
          data-testid="chat-length"
        >
          {length} / {referenceDesk.CHAT_TEXT_MAX}{' '}
          {tooLong ? t('chat.tooLong', { max: referenceDesk.CHAT_TEXT_MAX }) : ''}
        </Typography.Text>
      )}
    </div>
  )
}
