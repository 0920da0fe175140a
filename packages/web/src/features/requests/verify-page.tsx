import { requests } from '@shuqiao/contracts'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions, Input, Result, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { call, isProblem } from '../../api/client.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useText } from './request-types.ts'

/** Public: anyone holding a confirmation's code (a graduate office clerk) checks what it proves. */
export const VerifyPage = () => {
  const { t } = useTranslation(['requests', 'common'])
  usePageTitle(t('verify.title'))
  const { code } = useParams()
  const navigate = useNavigate()
  const [typed, setTyped] = useState(code ?? '')
  const text = useText()
  const name = useBilingual()
  const errorText = useErrorText()
  const verified = useQuery({
    queryKey: ['confirmation', code],
    queryFn: () => call(requests.verifyConfirmation, { params: { code: code! } }),
    enabled: !!code,
    retry: false,
  })
  const check = () => {
    const next = typed.trim()
    if (next) navigate(`/verify/${encodeURIComponent(next)}`)
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="verify-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('verify.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('verify.intro')}
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onPressEnter={check}
          placeholder="XXXX-XXXX-XX"
          aria-label={t('verify.code')}
          maxLength={20}
          data-testid="verify-code"
        />
        <Button type="primary" onClick={check} data-testid="verify-submit">
          {t('verify.check')}
        </Button>
      </Space.Compact>
      {verified.isFetching && <PageLoading rows={3} />}
      {verified.isError &&
        (isProblem(verified.error, 'not_found') ? (
          <Result
            status="warning"
            title={t('verify.notFound')}
            subTitle={t('verify.notFoundHint')}
            data-testid="verify-not-found"
          />
        ) : (
          <Alert type="error" showIcon title={errorText(verified.error)} />
        ))}
      {verified.data && (
        <Card data-testid="verify-result">
          <Result
            status="success"
            title={
              <span style={{ fontSize: 20 }}>{t('verify.valid', { name: text(verified.data.name) })}</span>
            }
            style={{ padding: 8 }}
          />
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'library', label: t('verify.library'), children: name(verified.data.library) },
              { key: 'number', label: t('verify.number'), children: verified.data.number },
              { key: 'reader', label: t('confirmation.reader'), children: verified.data.readerName },
              {
                key: 'readerNumber',
                label: t('confirmation.readerNumber'),
                children: verified.data.readerNumber,
              },
              ...verified.data.values.map((value, index) => ({
                key: `value-${index}`,
                label: text(value.label),
                children: text(value.value),
              })),
              {
                key: 'issued',
                label: t('confirmation.issuedAt'),
                children: dayjs(verified.data.issuedAt).format('YYYY-MM-DD HH:mm'),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
            {t('verify.masked')}
          </Typography.Paragraph>
        </Card>
      )}
    </Space>
  )
}
