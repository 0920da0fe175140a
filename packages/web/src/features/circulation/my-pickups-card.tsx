import { CarryOutOutlined, RightOutlined } from '@ant-design/icons'
import { Card, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import './circulation.css'

/** The home page's card for 预约借书: asked-for books, pickup slots and the pickup code. */
export const MyPickupsCard = () => {
  const { t } = useTranslation('circulation')
  return (
    <Link to="/pickups" data-testid="home-my-pickups">
      <Card hoverable size="small">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Space size={8} style={{ minWidth: 0 }}>
            <CarryOutOutlined style={{ fontSize: 20, color: 'var(--ant-color-primary)' }} />
            <Typography.Text strong>{t('myPickups.title')}</Typography.Text>
          </Space>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.25)', fontSize: 12 }} />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {t('myPickups.homeHint')}
        </Typography.Text>
      </Card>
    </Link>
  )
}
