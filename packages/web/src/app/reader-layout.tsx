import {
  DatabaseOutlined,
  FileTextOutlined,
  LinkOutlined,
  SearchOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { Grid } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useLocation, useSearchParams } from 'react-router'
import { NoticeBell } from '../features/notifications/notice-bell.tsx'
import { useMe } from '../features/session/queries.ts'
import { useBilingual } from './hooks.ts'
import { LanguageSwitch } from './language-switch.tsx'
import { LinkButton } from './link-button.tsx'

/** Brand mark with the app name, linking home; `compact` keeps only the mark (the name stays for screen readers). */
export const Brand = ({ to = '/', compact = false }: { to?: string; compact?: boolean }) => {
  const { t } = useTranslation()
  return (
    <Link to={to} className="sq-brand" data-testid="brand" aria-label={compact ? t('app.name') : undefined}>
      <img src="/favicon.svg" alt="" />
      {!compact && <span>{t('app.name')}</span>}
    </Link>
  )
}

/** Pages a library's homepage shows in the widget's frame (`?embed=1`), as the server lets it frame them. */
const EMBEDDABLE = new Set(['/ask', '/faq'])

/** The reader portal: a narrow single column that reads well on a phone. */
export const ReaderLayout = () => {
  const { t } = useTranslation(['common', 'requests', 'catalogue', 'eResources'])
  const me = useMe().data
  const name = useBilingual()
  const { pathname } = useLocation()
  const [search] = useSearchParams()
  // On a phone the header holds the brand, the language and five buttons: the mark without the
  // name and 中 / EN save room, and the link builder (a teacher's desk tool) is reached from the
  // home page and the directory.
  const phone = !(Grid.useBreakpoint().sm ?? true)
  // In the widget's frame the library's own page is the shell: no header or footer of ours,
  // whose links would lead the reader away inside a 380 px panel.
  if (search.get('embed') === '1' && EMBEDDABLE.has(pathname.replace(/\/$/, '')))
    return (
      <main className="sq-reader-main sq-embed" data-testid="embed-main">
        <Outlet />
      </main>
    )
  return (
    <div>
      <header className="sq-reader-header">
        <Brand compact={phone && !!me} />
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <LanguageSwitch compact={phone} />
          {me && (
            <LinkButton
              to="/catalogue"
              shape="circle"
              icon={<SearchOutlined />}
              aria-label={t('catalogue:reader.title')}
              title={t('catalogue:reader.title')}
              data-testid="nav-catalogue"
            />
          )}
          <LinkButton
            to="/resources"
            shape="circle"
            icon={<DatabaseOutlined />}
            aria-label={t('eResources:nav')}
            title={t('eResources:nav')}
            data-testid="nav-resources"
          />
          {me && !phone && (
            <LinkButton
              to="/link-builder"
              shape="circle"
              icon={<LinkOutlined />}
              aria-label={t('eResources:linkBuilderMenu')}
              title={t('eResources:linkBuilderMenu')}
              data-testid="nav-link-builder"
            />
          )}
          {me && <NoticeBell />}
          {me && (
            <LinkButton
              to="/requests"
              shape="circle"
              icon={<FileTextOutlined />}
              aria-label={t('requests:nav')}
              title={t('requests:nav')}
              data-testid="nav-requests"
            />
          )}
          {me && (
            <LinkButton
              to="/account"
              shape="circle"
              icon={<UserOutlined />}
              aria-label={t('nav.account')}
              title={t('nav.account')}
              data-testid="nav-account"
            />
          )}
        </div>
      </header>
      <main className="sq-reader-main">
        <Outlet />
      </main>
      <footer className="sq-reader-footer">{me ? name(me.consortium) : t('app.tagline')}</footer>
    </div>
  )
}
