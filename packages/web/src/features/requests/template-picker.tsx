import { MessageOutlined } from '@ant-design/icons'
import { replyTemplates } from '@shuqiao/contracts'
import { Select, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { mayCall } from '../../app/access.ts'
import { useSignedIn } from '../../app/signed-in.ts'
import { useRequestReplies } from './queries.ts'

/** Puts a template's text after what is already written, on its own line, within the note's limit. */
export const withTemplate = (current: string | undefined, text: string, max: number) => {
  const before = current?.trimEnd() ?? ''
  return (before ? `${before}\n${text}` : text).slice(0, max)
}

/**
 * Offers the reply templates that fit a request (and the step being taken; without one, those
 * for comments), already filled in for its reader in the reader's language. Picking one hands
 * its text over; the librarian edits it before sending. Shown only to those who may use templates.
 */
export const TemplatePicker = ({
  requestId,
  action,
  onInsert,
  testId = 'reply-template-picker',
}: {
  requestId: string
  action?: string | undefined
  onInsert: (text: string) => void
  testId?: string
}) => {
  const { t, i18n } = useTranslation('templates')
  const me = useSignedIn()
  const allowed = mayCall(me, replyTemplates.replyTemplatesForRequest)
  // Loaded when the list is first opened (or focused), not with every request page.
  const [wanted, setWanted] = useState(false)
  // A fresh select after each pick: it offers templates, it does not hold a value.
  const [round, setRound] = useState(0)
  const replies = useRequestReplies(requestId, action, allowed && wanted)
  if (!allowed) return null
  const english = i18n.language === 'en'
  const items = replies.data?.items ?? []
  const readerLanguage = replies.data?.language

  return (
    <Select<string>
      key={round}
      showSearch={{ optionFilterProp: 'search' }}
      // Two lines per option: the title, then the start of the filled-in text.
      virtual={false}
      size="small"
      style={{ width: '100%' }}
      placeholder={
        <span>
          <MessageOutlined /> {t('picker.placeholder')}
        </span>
      }
      aria-label={t('picker.label')}
      loading={replies.isFetching}
      onOpenChange={(open) => open && setWanted(true)}
      onFocus={() => setWanted(true)}
      onChange={(id) => {
        const reply = items.find((item) => item.id === id)
        if (reply) onInsert(reply.text)
        setRound((current) => current + 1)
      }}
      notFoundContent={
        replies.isPending ? null : (
          <Typography.Text type="secondary" data-testid="reply-template-none">
            {replies.isError ? t('picker.failed') : t('picker.none')}
          </Typography.Text>
        )
      }
      options={items.map((item) => ({
        value: item.id,
        search: `${item.title.zh} ${item.title.en} ${item.text}`,
        label: (
          <div className="sq-tpl-option" data-testid="reply-template-option">
            <span className="sq-tpl-option-title">
              {english ? item.title.en : item.title.zh}
              {item.personal && (
                <Tag color="purple" style={{ marginInlineStart: 6 }}>
                  {t('picker.mine')}
                </Tag>
              )}
            </span>
            <Typography.Text type="secondary" ellipsis className="sq-tpl-option-text">
              {item.untranslated ? `${t('picker.untranslated')} · ` : ''}
              {item.text}
            </Typography.Text>
          </div>
        ),
      }))}
      popupRender={(menu) => (
        <>
          {readerLanguage && (
            <Typography.Text type="secondary" className="sq-tpl-popup-note">
              {t('picker.language', { language: t(readerLanguage === 'en' ? 'picker.en' : 'picker.zh') })}
            </Typography.Text>
          )}
          {menu}
          <div className="sq-tpl-popup-foot">
            <Link to="/staff/requests/templates" data-testid="reply-template-manage">
              {t('picker.manage')}
            </Link>
          </div>
        </>
      )}
      data-testid={testId}
    />
  )
}
