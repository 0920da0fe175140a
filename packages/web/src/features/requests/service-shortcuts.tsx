import {
  AuditOutlined,
  BookOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  ReadOutlined,
  RightOutlined,
  SendOutlined,
  ShoppingCartOutlined,
} from '@ant-design/icons'
import { Card, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { REQUEST_TYPES, useText } from './request-types.ts'
import './requests.css'

// Icons are decoration only; a type without one gets the generic form icon.
const ICONS: Record<string, typeof FormOutlined> = {
  document_delivery: SendOutlined,
  interlibrary_loan: BookOutlined,
  novelty_search: FileSearchOutlined,
  citation_verification: AuditOutlined,
  thesis_submission: ReadOutlined,
  purchase_suggestion: ShoppingCartOutlined,
}

const Shortcut = ({
  to,
  icon,
  title,
  hint,
  testId,
}: {
  to: string
  icon: ReactNode
  title: string
  hint: string
  testId: string
}) => (
  <Link to={to} data-testid={testId}>
    <Card hoverable size="small" style={{ height: '100%' }}>
      <div className="sq-req-card-head" style={{ alignItems: 'center' }}>
        <span style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
          <span style={{ fontSize: 20, color: 'var(--ant-color-primary)' }}>{icon}</span>
          <Typography.Text strong ellipsis>
            {title}
          </Typography.Text>
        </span>
        <RightOutlined style={{ color: 'rgba(0,0,0,0.25)', fontSize: 12 }} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
    </Card>
  </Link>
)

/** The reader home's online services: one card per request type, and the reader's own requests. */
export const RequestShortcuts = () => {
  const { t } = useTranslation('requests')
  const text = useText()
  return (
    <div data-testid="home-request-services">
      <div className="sq-req-card-head" style={{ alignItems: 'baseline' }}>
        <Typography.Title level={5}>{t('home.title')}</Typography.Title>
        <Link to="/services" data-testid="home-all-services">
          {t('home.all')}
        </Link>
      </div>
      <div className="sq-service-grid">
        <Shortcut
          to="/requests"
          icon={<FileTextOutlined />}
          title={t('mine.title')}
          hint={t('home.mineHint')}
          testId="home-my-requests"
        />
        {REQUEST_TYPES.map((type) => {
          const Icon = ICONS[type.code] ?? FormOutlined
          return (
            <Shortcut
              key={type.code}
              to={`/services/${type.code}/new`}
              icon={<Icon />}
              title={text(type.name)}
              hint={t('services.target', { days: type.targetWorkingDays })}
              testId={`home-service-${type.code}`}
            />
          )
        })}
      </div>
    </div>
  )
}
