import {
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { accounts, audit, ssoAdmin } from '@shuqiao/contracts'
import { Card, Col, Descriptions, Row, Table, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { WeekdayTags } from '../libraries/weekdays.tsx'
import { OpeningDays } from '../portal/opening-days.tsx'
import { useLibraries } from '../session/queries.ts'

const Shortcut = ({
  to,
  icon,
  title,
  text,
}: {
  to: string
  icon: ReactNode
  title: string
  text: string
}) => (
  <Link to={to}>
    <Card hoverable size="small" style={{ height: '100%' }}>
      <Card.Meta
        avatar={<span style={{ fontSize: 22, color: 'var(--ant-color-primary)' }}>{icon}</span>}
        title={title}
        description={text}
      />
    </Card>
  </Link>
)

/** Start page of the staff console: the library (or the consortium's libraries) and where to go next. */
export const OverviewPage = () => {
  const { t } = useTranslation(['staff', 'common', 'libraries', 'catalogue'])
  usePageTitle(t('overview.title'))
  const me = useSignedIn()
  const libraries = useLibraries()
  const name = useBilingual()
  const own = libraries.data?.items.find((library) => library.id === me.library?.id)

  const shortcuts = [
    {
      to: '/staff/catalogue',
      icon: <BookOutlined />,
      title: t('catalogue:menu'),
      text: t('overview.catalogueText'),
      show: true,
    },
    {
      to: '/staff/libraries',
      icon: <BankOutlined />,
      title: t('menu.libraries'),
      text: t('overview.librariesText'),
      show: true,
    },
    {
      to: '/staff/accounts',
      icon: <TeamOutlined />,
      title: t('menu.accounts'),
      text: t('overview.accountsText'),
      show: mayCall(me, accounts.listAccounts),
    },
    {
      to: '/staff/audit',
      icon: <AuditOutlined />,
      title: t('menu.audit'),
      text: t('overview.auditText'),
      show: mayCall(me, audit.listAuditEvents),
    },
    {
      to: '/staff/sso',
      icon: <SafetyCertificateOutlined />,
      title: t('menu.sso'),
      text: t('overview.ssoText'),
      show: mayCall(me, ssoAdmin.listOidcProviders),
    },
  ].filter((shortcut) => shortcut.show)

  return (
    <div data-testid="staff-overview">
      <PageHead
        title={t('overview.title')}
        intro={t('overview.welcome', {
          name: me.name,
          where: me.library ? name(me.library) : name(me.consortium),
        })}
      />
      {libraries.isPending && <PageLoading />}
      {libraries.isError && <PageError error={libraries.error} onRetry={() => void libraries.refetch()} />}
      {libraries.data && (
        <Row gutter={[16, 16]}>
          {isConsortiumAdmin(me) ? (
            <Col span={24}>
              <Card
                title={t('overview.memberLibraries', { count: libraries.data.items.length })}
                size="small"
              >
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ x: 600 }}
                  dataSource={libraries.data.items}
                  data-testid="overview-libraries"
                  columns={[
                    {
                      title: t('libraries:field.name'),
                      key: 'name',
                      render: (_, library) => (
                        <Link to={`/staff/libraries?library=${library.id}`}>{name(library)}</Link>
                      ),
                    },
                    { title: t('libraries:field.code'), dataIndex: 'code' },
                    { title: t('libraries:field.timeZone'), dataIndex: 'timeZone' },
                    {
                      title: t('libraries:field.openWeekdays'),
                      key: 'weekdays',
                      render: (_, library) => <WeekdayTags days={library.openWeekdays} />,
                    },
                  ]}
                />
              </Card>
            </Col>
          ) : (
            own && (
              <>
                <Col xs={24} lg={12}>
                  <Card title={name(own)} size="small" data-testid="overview-library">
                    <Descriptions
                      column={1}
                      size="small"
                      items={[
                        { key: 'code', label: t('libraries:field.code'), children: own.code },
                        { key: 'zone', label: t('libraries:field.timeZone'), children: own.timeZone },
                        {
                          key: 'weekdays',
                          label: t('libraries:field.openWeekdays'),
                          children: <WeekdayTags days={own.openWeekdays} />,
                        },
                      ]}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={12}>
                  <OpeningDays libraryId={own.id} timeZone={own.timeZone} />
                </Col>
              </>
            )
          )}
          <Col span={24}>
            <Typography.Title level={5}>{t('overview.shortcuts')}</Typography.Title>
            <Row gutter={[16, 16]}>
              {shortcuts.map((shortcut) => (
                <Col key={shortcut.to} xs={24} sm={12} xl={6}>
                  <Shortcut {...shortcut} />
                </Col>
              ))}
            </Row>
          </Col>
        </Row>
      )}
    </div>
  )
}
