import { Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { usePageTitle } from './hooks.ts'
import { LinkButton } from './link-button.tsx'

export const NotFoundPage = () => {
  const { t } = useTranslation()
  usePageTitle(t('error.notFoundTitle'))
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.notFoundHint')}
      extra={
        <LinkButton type="primary" to="/">
          {t('action.home')}
        </LinkButton>
      }
      data-testid="not-found"
    />
  )
}
