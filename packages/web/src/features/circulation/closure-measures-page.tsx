import { Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { CirculationTabs } from './circulation-tabs.tsx'
import { BatchesCard } from './closure-batches-card.tsx'
import { DueDatesCard } from './closure-due-dates-card.tsx'
import { RaisesCard } from './closure-raises-card.tsx'
import { SpreadCard } from './closure-spread-card.tsx'
import { WaiverCard } from './closure-waiver-card.tsx'
import './circulation.css'

/** 闭馆措施: bulk due dates, spread returns, bulk fine waivers and limit raises, each previewed, then undone from the record. */
export const ClosureMeasuresPage = () => {
  const { t } = useTranslation('circulation')
  usePageTitle(t('closure.title'))
  return (
    <div data-testid="closure-measures-page">
      <PageHead title={t('closure.title')} intro={t('closure.intro')} />
      <CirculationTabs current="/staff/circulation/closure" />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <DueDatesCard />
        <SpreadCard />
        <WaiverCard />
        <RaisesCard />
        <BatchesCard />
      </Space>
    </div>
  )
}
