import { FileSearchOutlined, RightOutlined } from '@ant-design/icons'
import { Card, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatPercent } from './logic.ts'
import { useMyTheses } from './queries.ts'
import { ThesisStatusTag } from './thesis-parts.tsx'
import './similarity-checks.css'

/**
 * The home page's card for a graduate with a thesis in a batch: the latest one's status at a
 * glance. Shown only to those who have one, so other readers' home pages stay as they are.
 */
export const MyChecksCard = () => {
  const { t } = useTranslation('similarityChecks')
  const list = useMyTheses()
  const latest = list.data?.items[0]
  if (!latest) return null
  return (
    <Link to="/thesis-checks" data-testid="home-thesis-checks">
      <Card hoverable size="small">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Space size={8} style={{ minWidth: 0 }}>
            <FileSearchOutlined style={{ fontSize: 20, color: 'var(--ant-color-primary)' }} />
            <Typography.Text strong>{t('mine.homeTitle')}</Typography.Text>
          </Space>
          <Space size={6}>
            <ThesisStatusTag thesis={latest} />
            {latest.similarityPercent !== null && (
              <Typography.Text strong className={latest.passed ? 'sq-sc-pass' : 'sq-sc-fail'}>
                {formatPercent(latest.similarityPercent)}
              </Typography.Text>
            )}
            <RightOutlined style={{ color: 'rgba(0,0,0,0.25)', fontSize: 12 }} />
          </Space>
        </div>
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {t('thesis.quoted', { title: latest.title })}
        </Typography.Text>
      </Card>
    </Link>
  )
}
