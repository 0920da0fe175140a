import {
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  CloudServerOutlined,
  CodeOutlined,
  CompassOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  HistoryOutlined,
  InteractionOutlined,
  LinkOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  MessageOutlined,
  NotificationOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons'
import {
  accounts,
  audit,
  courses,
  eResources,
  guides,
  loans,
  notifications,
  phases,
  referenceDesk,
  requests,
  similarityChecks,
  ssoAdmin,
} from '@shuqiao/contracts'
import { App as AntApp, Button, Grid, Layout, Menu, type MenuProps, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useLocation, useNavigate } from 'react-router'
import { useSignOut } from '../features/session/queries.ts'
import { mayCall } from './access.ts'
import { useBilingual } from './hooks.ts'
import { LanguageSwitch } from './language-switch.tsx'
import { useErrorText } from './page-states.tsx'
import { Brand } from './reader-layout.tsx'
import { useSignedIn } from './signed-in.ts'

type MenuItem = Required<MenuProps>['items'][number]

/** The submenu key of the reference desk's pages. */
const DESK_GROUP = 'reference-desk'

/** The keys of menu entries that lead somewhere, submenus' entries included. */
const pageKeys = (items: MenuItem[]): string[] =>
  items.flatMap((item) => {
    if (!item || typeof item.key !== 'string') return []
    if ('children' in item && item.children) return pageKeys(item.children as MenuItem[])
    return item.key === '/' ? [] : [item.key]
  })

/** The staff console: side menu for what the account's roles may use, header with who is signed in. */
export const StaffLayout = () => {
  const { t } = useTranslation([
    'staff',
    'common',
    'requests',
    'notifications',
    'similarityChecks',
    'catalogue',
    'eResources',
    'courseReserves',
    'circulation',
    'referenceDesk',
    'operations',
    'roster',
    'referenceTickets',
  ])
  const me = useSignedIn()
  const name = useBilingual()
  const location = useLocation()
  const navigate = useNavigate()
  const screens = Grid.useBreakpoint()
  const narrow = !screens.lg
  const [collapsed, setCollapsed] = useState<boolean | undefined>(undefined)
  const isCollapsed = collapsed ?? narrow
  const signOut = useSignOut()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()

  // The reference desk's pages under one entry (在线咨询), open while one of them is shown; a
  // single page for the account stands alone.
  const deskPages = [
    mayCall(me, referenceDesk.getMyDesk) && {
      key: '/staff/reference-desk',
      icon: <DesktopOutlined />,
      label: t('referenceDesk:workspaceMenu'),
    },
    mayCall(me, referenceDesk.listTickets) && {
      key: '/staff/reference-desk/tickets',
      icon: <MessageOutlined />,
      label: t('referenceTickets:staff.menu'),
    },
    mayCall(me, referenceDesk.searchTranscripts) && {
      key: '/staff/reference-desk/transcripts',
      icon: <HistoryOutlined />,
      label: t('referenceTickets:transcripts.menu'),
    },
    mayCall(me, referenceDesk.listManagedFaq) && {
      key: '/staff/reference-desk/faq',
      icon: <QuestionCircleOutlined />,
      label: t('referenceDesk:faq.manage.menu'),
    },
    mayCall(me, referenceDesk.listCannedReplies) && {
      key: '/staff/reference-desk/canned-replies',
      icon: <ThunderboltOutlined />,
      label: t('roster:canned.menu'),
    },
    mayCall(me, referenceDesk.listShifts) && {
      key: '/staff/reference-desk/roster',
      icon: <ScheduleOutlined />,
      label: t('roster:menu'),
    },
    mayCall(me, referenceDesk.getDeskFigures) && {
      key: '/staff/reference-desk/figures',
      icon: <BarChartOutlined />,
      label: t('referenceDesk:figures.menu'),
    },
    mayCall(me, referenceDesk.getWidgetSettings) && {
      key: '/staff/reference-desk/widget',
      icon: <CodeOutlined />,
      label: t('referenceDesk:widget.menu'),
    },
  ].filter(Boolean) as MenuItem[]
  const deskGroup: MenuItem | false =
    deskPages.length > 1
      ? {
          key: DESK_GROUP,
          icon: <CustomerServiceOutlined />,
          label: t('referenceDesk:menu'),
          children: deskPages,
        }
      : (deskPages[0] ?? false)

  const items: MenuItem[] = [
    { key: '/staff', icon: <DashboardOutlined />, label: t('menu.overview') },
    mayCall(me, requests.listRequestQueue) && {
      key: '/staff/requests',
      icon: <FileTextOutlined />,
      label: t('requests:menu'),
    },
    deskGroup,
    mayCall(me, similarityChecks.listBatches) && {
      key: '/staff/similarity-checks',
      icon: <FileSearchOutlined />,
      label: t('similarityChecks:menu'),
    },
    { key: '/staff/catalogue', icon: <BookOutlined />, label: t('catalogue:menu') },
    mayCall(me, loans.listLoans) && {
      // Desk staff start at the desk; others read the loans.
      key: mayCall(me, loans.checkOut) ? '/staff/circulation' : '/staff/circulation/loans',
      icon: <InteractionOutlined />,
      label: t('circulation:menu'),
    },
    mayCall(me, eResources.createResource) && {
      key: '/staff/resources',
      icon: <CloudServerOutlined />,
      label: t('eResources:menu'),
    },
    mayCall(me, guides.createGuide) && {
      key: '/staff/resources/guides',
      icon: <CompassOutlined />,
      label: t('eResources:guidesMenu'),
    },
    mayCall(me, courses.listCourses) && {
      key: '/staff/course-reserves',
      icon: <ScheduleOutlined />,
      label: t('courseReserves:menu'),
    },
    mayCall(me, phases.getPhases) && {
      key: '/staff/operations',
      icon: <FlagOutlined />,
      label: t('operations:menu'),
    },
    { key: '/staff/link-builder', icon: <LinkOutlined />, label: t('eResources:linkBuilderMenu') },
    { key: '/staff/libraries', icon: <BankOutlined />, label: t('menu.libraries') },
    mayCall(me, accounts.listAccounts) && {
      key: '/staff/accounts',
      icon: <TeamOutlined />,
      label: t('menu.accounts'),
    },
    mayCall(me, audit.listAuditEvents) && {
      key: '/staff/audit',
      icon: <AuditOutlined />,
      label: t('menu.audit'),
    },
    mayCall(me, ssoAdmin.listOidcProviders) && {
      key: '/staff/sso',
      icon: <SafetyCertificateOutlined />,
      label: t('menu.sso'),
    },
    mayCall(me, notifications.listNoticeChannels) && {
      key: '/staff/notifications',
      icon: <NotificationOutlined />,
      label: t('notifications:menu'),
    },
    { type: 'divider' },
    { key: '/', icon: <ReadOutlined />, label: t('menu.readerPortal') },
  ].filter(Boolean) as MenuItem[]

  // The longest menu entry the address is under: /staff/resources/guides is its own entry.
  const path = location.pathname.replace(/\/+$/, '') || '/staff'
  const selected =
    pageKeys(items)
      .filter((key) => path === key || path.startsWith(`${key}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '/staff'

  // The desk's submenu opens by itself on one of its pages; the reader may open or close any.
  const inDesk = selected.startsWith('/staff/reference-desk')
  const [openKeys, setOpenKeys] = useState<string[]>(() => (inDesk ? [DESK_GROUP] : []))
  useEffect(() => {
    if (inDesk) setOpenKeys((keys) => (keys.includes(DESK_GROUP) ? keys : [...keys, DESK_GROUP]))
  }, [inDesk])

  const where = me.library ? name(me.library) : name(me.consortium)

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={220}
        collapsedWidth={narrow ? 0 : 64}
        collapsed={isCollapsed}
        trigger={null}
        style={narrow ? { position: 'fixed', height: '100vh', zIndex: 20, left: 0, top: 0 } : undefined}
        data-testid="staff-sider"
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', color: '#fff' }}>
          <Brand to="/staff" />
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          // Collapsed, submenus pop out on hover; open keys are for the full menu only.
          {...(isCollapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
          items={items}
          data-testid="staff-menu"
          onClick={({ key }) => {
            if (narrow) setCollapsed(true)
            void navigate(key)
          }}
        />
      </Layout.Sider>
      {narrow && !isCollapsed && (
        <button
          type="button"
          className="sq-backdrop"
          aria-label={t('menu.toggle')}
          onClick={() => setCollapsed(true)}
        />
      )}
      <Layout>
        <Layout.Header className="sq-staff-header">
          <Space size={8} style={{ minWidth: 0 }}>
            <Button
              type="text"
              icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!isCollapsed)}
              aria-label={t('menu.toggle')}
              data-testid="staff-menu-toggle"
            />
            {!narrow && (
              <Typography.Text type="secondary" className="sq-header-text" data-testid="staff-where">
                {where}
              </Typography.Text>
            )}
          </Space>
          <Space size={12}>
            <Typography.Text
              strong
              className="sq-header-text"
              style={{ maxWidth: narrow ? 96 : 200 }}
              data-testid="staff-account-name"
            >
              {me.name}
            </Typography.Text>
            <LanguageSwitch />
            <Button
              icon={<LogoutOutlined />}
              data-testid="staff-sign-out"
              aria-label={t('signOut')}
              loading={signOut.isPending}
              onClick={() =>
                signOut.mutate('here', {
                  onSuccess: () => void navigate('/sign-in', { replace: true }),
                  onError: (error) => void message.error(errorText(error)),
                })
              }
            >
              {narrow ? null : t('signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="sq-staff-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
