import {
  circulationImports,
  closureMeasures,
  loanRules,
  loans,
  pickups,
  quarantine,
} from '@shuqiao/contracts'
import { Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { mayCall } from '../../app/access.ts'
import { useSignedIn } from '../../app/signed-in.ts'

const PAGES = [
  { key: '/staff/circulation', label: 'tabs.desk', contract: loans.checkOut, testId: 'circulation-tab-desk' },
  {
    key: '/staff/circulation/loans',
    label: 'tabs.loans',
    contract: loans.listLoans,
    testId: 'circulation-tab-loans',
  },
  {
    key: '/staff/circulation/pull-list',
    label: 'tabs.pullList',
    contract: pickups.getPullList,
    testId: 'circulation-tab-pull-list',
  },
  {
    key: '/staff/circulation/pickups',
    label: 'tabs.pickups',
    contract: pickups.getPickupDay,
    testId: 'circulation-tab-pickups',
  },
  {
    key: '/staff/circulation/quarantine',
    label: 'tabs.quarantine',
    contract: quarantine.listQuarantine,
    testId: 'circulation-tab-quarantine',
  },
  {
    key: '/staff/circulation/rules',
    label: 'tabs.rules',
    contract: loanRules.getLoanRules,
    testId: 'circulation-tab-rules',
  },
  {
    key: '/staff/circulation/pickup-points',
    label: 'tabs.pickupPoints',
    contract: pickups.getPullList,
    testId: 'circulation-tab-pickup-points',
  },
  {
    key: '/staff/circulation/imports',
    label: 'tabs.imports',
    contract: circulationImports.listCirculationImports,
    testId: 'circulation-tab-imports',
  },
  {
    key: '/staff/circulation/closure',
    label: 'closure.tab',
    contract: closureMeasures.listClosureBatches,
    testId: 'circulation-tab-closure',
  },
] as const

export type CirculationPage = (typeof PAGES)[number]['key']

/** The circulation pages of the staff console, one tab each, those the account may open. */
export const CirculationTabs = ({ current }: { current: CirculationPage }) => {
  const { t } = useTranslation('circulation')
  const me = useSignedIn()
  const navigate = useNavigate()
  return (
    <Tabs
      activeKey={current}
      onChange={(key) => void navigate(key)}
      items={PAGES.filter((page) => mayCall(me, page.contract)).map((page) => ({
        key: page.key,
        label: <span data-testid={page.testId}>{t(page.label)}</span>,
      }))}
      style={{ marginBottom: 8 }}
    />
  )
}
