import { Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'

const PAGES = [
  { key: '/staff/resources', label: 'staff.tabs.list', testId: 'resources-tab-list' },
  { key: '/staff/resources/guides', label: 'staff.tabs.guides', testId: 'resources-tab-guides' },
  { key: '/staff/resources/settings', label: 'staff.tabs.settings', testId: 'resources-tab-settings' },
  { key: '/staff/resources/usage', label: 'staff.tabs.usage', testId: 'resources-tab-usage' },
  {
    key: '/staff/resources/link-checks',
    label: 'staff.tabs.linkChecks',
    testId: 'resources-tab-link-checks',
  },
] as const

/** The e-resources pages of the staff console, one tab each. */
export const StaffTabs = ({ current }: { current: (typeof PAGES)[number]['key'] }) => {
  const { t } = useTranslation('eResources')
  const navigate = useNavigate()
  return (
    <Tabs
      activeKey={current}
      onChange={(key) => void navigate(key)}
      items={PAGES.map((page) => ({
        key: page.key,
        label: <span data-testid={page.testId}>{t(page.label)}</span>,
      }))}
      style={{ marginBottom: 8 }}
    />
  )
}
