import { ThunderboltOutlined } from '@ant-design/icons'
import { Button, Dropdown, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCannedReplies } from './canned-replies.queries.ts'

/** A button under a chat listing my canned replies; choosing one inserts its text into the reply. */
export const CannedRepliesPicker = ({ onInsert }: { onInsert: (text: string) => void }) => {
  const { t } = useTranslation('roster')
  const replies = useCannedReplies()
  const items = replies.data?.items ?? []
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          ...(items.length === 0
            ? [{ key: 'empty', disabled: true, label: t('canned.pickerEmpty') }]
            : items.map((reply) => ({
                key: reply.id,
                label: (
                  <span data-testid="canned-pick" data-code={reply.code}>
                    <Typography.Text code>/{reply.code}</Typography.Text> {reply.title}
                  </span>
                ),
              }))),
          { type: 'divider' as const },
          {
            key: 'manage',
            label: (
              <Link to="/staff/reference-desk/canned-replies" target="_blank">
                {t('canned.manage')}
              </Link>
            ),
          },
        ],
        onClick: ({ key }) => {
          const reply = items.find((item) => item.id === key)
          if (reply) onInsert(reply.body)
        },
      }}
    >
      <Button size="small" icon={<ThunderboltOutlined />} data-testid="canned-picker">
        {t('canned.picker')}
      </Button>
    </Dropdown>
  )
}
