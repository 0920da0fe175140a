import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { Button, Descriptions, Result, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { renderSVG } from 'uqr'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { useMe } from '../session/queries.ts'
import { useRequest } from './queries.ts'
import { requestTypeOf, useText } from './request-types.ts'
import './requests.css'

/** Where anyone checks a code; printed as text and as a QR code on the confirmation. */
export const verifyUrlOf = (code: string) => `${window.location.origin}/verify/${code}`

/**
 * The confirmation a graduate shows at leaving procedures (离校手续): printable on A4 or shown
 * on the phone, with a code and QR code the graduate office checks at /verify/<code>.
 */
export const ConfirmationPage = () => {
  const { t } = useTranslation(['requests', 'common'])
  const { requestId } = useParams()
  const request = useRequest(requestId)
  const me = useMe().data
  const text = useText()
  const name = useBilingual()
  const type = request.data ? requestTypeOf(request.data.type) : undefined
  usePageTitle(type?.confirmation ? text(type.confirmation.name) : t('confirmation.title'))

  if (request.isPending) return <PageLoading rows={8} />
  if (request.isError)
    return <PageError error={request.error} onRetry={() => void request.refetch()} backTo="/requests" />
  const data = request.data
  const back = (
    <LinkButton
      to={`/requests/${data.id}`}
      type="link"
      icon={<ArrowLeftOutlined />}
      style={{ paddingInline: 0 }}
    >
      {data.number}
    </LinkButton>
  )
  if (!data.confirmation || !type?.confirmation) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <Result status="info" title={t('confirmation.notYet')} data-testid="confirmation-not-yet" />
      </Space>
    )
  }
  const { code, issuedAt } = data.confirmation
  const fields = type.confirmation.fields.flatMap((fieldName) => {
    const field = type.fields.find((candidate) => candidate.name === fieldName)
    const raw = data.form[fieldName]
    if (!field || raw === undefined || raw === null) return []
    const option = 'options' in field ? field.options.find((candidate) => candidate.value === raw) : undefined
    return [{ key: fieldName, label: text(field.label), children: option ? text(option.label) : String(raw) }]
  })

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div className="sq-no-print" style={{ display: 'flex', justifyContent: 'space-between' }}>
        {back}
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="confirmation-print">
          {t('confirmation.print')}
        </Button>
      </div>
      <article className="sq-confirmation" data-testid="confirmation">
        <header>
          <div className="sq-confirmation-library">{me ? name(me.library) : ''}</div>
          <h1>{text(type.confirmation.name)}</h1>
          <div className="sq-confirmation-number">{data.number}</div>
        </header>
        <Descriptions
          column={1}
          size="small"
          bordered
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'reader', label: t('confirmation.reader'), children: data.reader.name },
            { key: 'number', label: t('confirmation.readerNumber'), children: data.reader.readerNumber },
            ...fields,
            {
              key: 'issued',
              label: t('confirmation.issuedAt'),
              children: dayjs(issuedAt).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
        <Typography.Paragraph style={{ margin: '12px 0 0' }}>
          {t('confirmation.statement')}
        </Typography.Paragraph>
        <footer>
          <div
            className="sq-confirmation-qr"
            role="img"
            aria-label={t('confirmation.qr')}
            // uqr renders the QR code of our own URL as plain SVG markup; nothing user-typed is in it.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG generated from the verify URL
            dangerouslySetInnerHTML={{ __html: renderSVG(verifyUrlOf(code), { border: 1 }) }}
          />
          <div>
            <div>{t('confirmation.code')}</div>
            <div className="sq-confirmation-code" data-testid="confirmation-code">
              {code}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {t('confirmation.checkAt', { url: verifyUrlOf(code) })}
            </Typography.Text>
          </div>
        </footer>
      </article>
    </Space>
  )
}
