import { Button, Empty, Result, Skeleton, Space } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../api/client.ts'
import { LinkButton } from './link-button.tsx'

/** What to show while a page's data loads. */
export const PageLoading = ({ rows = 4 }: { rows?: number }) => (
  <div data-testid="page-loading" style={{ padding: 16 }}>
    <Skeleton active paragraph={{ rows }} />
  </div>
)

/** The message of any error, preferring the server's own (already translated) detail. */
export const useErrorText = () => {
  const { t } = useTranslation()
  return (error: unknown) =>
    error instanceof ApiProblem ? error.detail || t('error.generic') : t('error.generic')
}

/** A failed load with a way out: try again, or go back to a safe page. */
export const PageError = ({
  error,
  onRetry,
  backTo = '/',
}: {
  error: unknown
  onRetry?: (() => void) | undefined
  backTo?: string
}) => {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const forbidden = error instanceof ApiProblem && error.status === 403
  const missing = error instanceof ApiProblem && error.status === 404
  return (
    <Result
      data-testid="page-error"
      status={forbidden ? '403' : missing ? '404' : 'warning'}
      title={
        forbidden ? t('error.forbiddenTitle') : missing ? t('error.notFoundTitle') : t('error.loadTitle')
      }
      subTitle={errorText(error)}
      extra={
        <Space wrap>
          {onRetry && !forbidden && !missing && (
            <Button type="primary" onClick={onRetry} data-testid="page-error-retry">
              {t('action.retry')}
            </Button>
          )}
          <LinkButton to={backTo}>{t('action.back')}</LinkButton>
        </Space>
      }
    />
  )
}

/** A page the account's roles do not open. */
export const NotAllowed = ({ backTo = '/' }: { backTo?: string }) => {
  const { t } = useTranslation()
  return (
    <Result
      data-testid="not-allowed"
      status="403"
      title={t('error.forbiddenTitle')}
      subTitle={t('error.forbiddenHint')}
      extra={
        <LinkButton to={backTo} type="primary">
          {t('action.back')}
        </LinkButton>
      }
    />
  )
}

/** An empty list that says what to do next. */
export const EmptyHint = ({ text, action }: { text: ReactNode; action?: ReactNode }) => (
  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid="empty-hint">
    {action}
  </Empty>
)
