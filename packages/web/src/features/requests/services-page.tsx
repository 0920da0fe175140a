import { ClockCircleOutlined, FileTextOutlined, RightOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { Fee } from './fee.tsx'
import { useRequestTypes } from './queries.ts'
import { REQUEST_TYPES, useText } from './request-types.ts'
import './requests.css'

/** Every service a reader can ask for, with today's fee and how long it usually takes. */
export const ServicesPage = () => {
  const { t } = useTranslation(['requests', 'common'])
  usePageTitle(t('services.title'))
  const me = useSignedIn()
  const text = useText()
  const errorText = useErrorText()
  const types = useRequestTypes()
  const today = (code: string) => types.data?.items.find((item) => item.code === code)

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="services-page">
      <div className="sq-req-card-head">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('services.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('services.intro')}</Typography.Text>
        </div>
        <LinkButton to="/requests" icon={<FileTextOutlined />} data-testid="services-my-requests">
          {t('mine.short')}
        </LinkButton>
      </div>
      {!me.library && <Alert type="info" showIcon title={t('services.noLibrary')} />}
      {types.isError && (
        <Alert
          type="warning"
          showIcon
          title={t('services.feesFailed')}
          description={errorText(types.error)}
          action={
            <Button size="small" onClick={() => void types.refetch()} data-testid="page-error-retry">
              {t('common:action.retry')}
            </Button>
          }
        />
      )}
      <div className="sq-req-list">
        {REQUEST_TYPES.map((type) => {
          const fee = today(type.code)
          return (
            <Card key={type.code} size="small" data-testid={`service-type-${type.code}`}>
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <div className="sq-req-card-head">
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    {text(type.name)}
                  </Typography.Title>
                  <Fee type={type} today={fee} loading={types.isPending} />
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {text(type.description)}
                </Typography.Text>
                <div className="sq-req-card-head" style={{ alignItems: 'center' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    <ClockCircleOutlined />{' '}
                    {t('services.target', { days: fee?.targetWorkingDays ?? type.targetWorkingDays })}
                  </Typography.Text>
                  {me.library ? (
                    <LinkButton
                      to={`/services/${type.code}/new`}
                      type="primary"
                      size="small"
                      icon={<RightOutlined />}
                      iconPlacement="end"
                      data-testid={`service-new-${type.code}`}
                    >
                      {t('services.apply')}
                    </LinkButton>
                  ) : null}
                </div>
              </Space>
            </Card>
          )
        })}
      </div>
    </Space>
  )
}
