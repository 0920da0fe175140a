import { BellOutlined } from '@ant-design/icons'
import { Badge } from 'antd'
import { useTranslation } from 'react-i18next'
import { LinkButton } from '../../app/link-button.tsx'
import { useUnreadCount } from './queries.ts'

/** The header bell: the way to the inbox, with how many notices are unread. */
export const NoticeBell = () => {
  const { t } = useTranslation('notifications')
  const count = useUnreadCount().data?.count ?? 0
  const label = count ? t('bellUnread', { count }) : t('bell')
  return (
    <Badge count={count} size="small" overflowCount={99} offset={[-4, 4]} data-testid="nav-notices-count">
      <LinkButton
        to="/inbox"
        shape="circle"
        icon={<BellOutlined />}
        aria-label={label}
        title={label}
        data-testid="nav-notices"
      />
    </Badge>
  )
}
