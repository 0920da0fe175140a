import {
  CompassOutlined,
  CustomerServiceOutlined,
  DatabaseOutlined,
  DesktopOutlined,
  IdcardOutlined,
  LinkOutlined,
  MessageOutlined,
  RightOutlined,
  ScheduleOutlined,
} from '@ant-design/icons'
import { Card, Input, Space, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { isStaffAccount } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { useSignedIn } from '../../app/signed-in.ts'
import { MyLoansCard } from '../circulation/my-loans-card.tsx'
import { MyPickupsCard } from '../circulation/my-pickups-card.tsx'
import { RequestShortcuts } from '../requests/service-shortcuts.tsx'
import { useLibraries } from '../session/queries.ts'
import { MyChecksCard } from '../similarity-checks/my-checks-card.tsx'
import { OpeningDays } from './opening-days.tsx'

const ServiceCard = ({
  to,
  icon,
  title,
  description,
  testId,
}: {
  to: string
  icon: ReactNode
  title: string
  description: string
  testId: string
}) => (
  <Link to={to} data-testid={testId}>
    <Card hoverable size="small" style={{ height: '100%' }}>
      <div className="sq-service-card">
        <Space style={{ fontSize: 16, justifyContent: 'space-between', width: '100%' }}>
          <Space>
            <span style={{ fontSize: 22, color: 'var(--ant-color-primary)' }}>{icon}</span>
            <Typography.Text strong>{title}</Typography.Text>
          </Space>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {description}
        </Typography.Text>
      </div>
    </Card>
  </Link>
)

/** The reader's start page: who and where they are, whether the building is open, their services. */
export const HomePage = () => {
  const { t } = useTranslation([
    'portal',
    'common',
    'catalogue',
    'eResources',
    'courseReserves',
    'referenceDesk',
    'referenceTickets',
  ])
  usePageTitle(t('home.title'))
  const me = useSignedIn()
  const libraries = useLibraries()
  const name = useBilingual()
  const library = libraries.data?.items.find((item) => item.id === me.library?.id)
  const navigate = useNavigate()

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }} data-testid="home-greeting">
          {t('home.greeting', { name: me.name })}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="home-library">
          {me.library ? name(me.library) : name(me.consortium)}
        </Typography.Text>
      </div>

      {me.library && (
        <Input.Search
          size="large"
          allowClear
          placeholder={t('catalogue:home.placeholder')}
          aria-label={t('catalogue:home.title')}
          enterButton={t('catalogue:reader.searchButton')}
          maxLength={100}
          inputMode="search"
          enterKeyHint="search"
          onSearch={(value) =>
            void navigate(value.trim() ? `/catalogue?q=${encodeURIComponent(value.trim())}` : '/catalogue')
          }
          data-testid="home-catalogue-search"
        />
      )}

      {me.library && <OpeningDays libraryId={me.library.id} timeZone={library?.timeZone} />}

      {me.library && <MyLoansCard />}
      {me.library && <MyPickupsCard />}

      {me.library && <MyChecksCard />}

      {me.library && <RequestShortcuts />}

      <div>
        <Typography.Title level={5}>{t('home.services')}</Typography.Title>
        <div className="sq-service-grid">
          {me.library && (
            <ServiceCard
              to="/my-courses"
              icon={<ScheduleOutlined />}
              title={t('courseReserves:mine.title')}
              description={t('courseReserves:mine.homeHint')}
              testId="service-my-courses"
            />
          )}
          {me.library && (
            <ServiceCard
              to="/ask"
              icon={<CustomerServiceOutlined />}
              title={t('referenceDesk:home.title')}
              description={t('referenceDesk:home.hint')}
              testId="service-ask"
            />
          )}
          {me.library && (
            <ServiceCard
              to="/questions"
              icon={<MessageOutlined />}
              title={t('referenceTickets:mine.title')}
              description={t('referenceTickets:mine.homeHint')}
              testId="service-my-questions"
            />
          )}
          {me.library && (
            <ServiceCard
              to="/resources"
              icon={<DatabaseOutlined />}
              title={t('eResources:directory.title')}
              description={t('eResources:home.directoryHint')}
              testId="service-resources"
            />
          )}
          {me.library && (
            <ServiceCard
              to="/guides"
              icon={<CompassOutlined />}
              title={t('eResources:guides.title')}
              description={t('eResources:home.guidesHint')}
              testId="service-guides"
            />
          )}
          {me.library && (
            <ServiceCard
              to="/link-builder"
              icon={<LinkOutlined />}
              title={t('eResources:linkBuilder.title')}
              description={t('eResources:home.linkBuilderHint')}
              testId="service-link-builder"
            />
          )}
          <ServiceCard
            to="/account"
            icon={<IdcardOutlined />}
            title={t('home.account')}
            description={t('home.accountHint')}
            testId="service-account"
          />
          {isStaffAccount(me) && (
            <ServiceCard
              to="/staff"
              icon={<DesktopOutlined />}
              title={t('home.staffConsole')}
              description={t('home.staffConsoleHint')}
              testId="service-staff"
            />
          )}
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 13 }}>
          {t('home.moreSoon')}
        </Typography.Paragraph>
      </div>
    </Space>
  )
}
