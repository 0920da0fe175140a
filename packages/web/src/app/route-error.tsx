import { Button, Result, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router'

/** Last resort when a page fails to render or its code fails to load (e.g. after a new release). */
export const RouteError = () => {
  const error = useRouteError()
  const { t } = useTranslation()
  if (error) console.error(error)
  return (
    <Result
      status="error"
      title={t('error.crashTitle')}
      subTitle={t('error.crashHint')}
      data-testid="route-error"
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('action.reload')}
          </Button>
          <Button href="/">{t('action.home')}</Button>
        </Space>
      }
    />
  )
}
