import { ExportOutlined, QuestionCircleOutlined, WarningOutlined } from '@ant-design/icons'
import type { RouteKind } from '@shuqiao/contracts'
import { Button, Checkbox, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { forgetRouteCookie, goLink, rememberedRoute, rememberRouteCookie } from './e-resources-logic.ts'
import type { ResourceDetail } from './queries.ts'
import { ROUTE_COLOURS, useRouteLabel } from './resource-parts.tsx'

const writeCookie = (assignment: string) => {
  // biome-ignore lint/suspicious/noDocumentCookie: /go on the server reads this plain cookie; the Cookie Store API is not in every browser readers use
  document.cookie = assignment
}

/**
 * 在校外如何访问: every route the library runs for the resource, the first recommended, each with
 * a plain explanation and a button through /go. A reader may remember the route they use, so
 * that /go takes them straight there next time.
 */
export const AccessPanel = ({ resource }: { resource: ResourceDetail }) => {
  const { t, i18n } = useTranslation('eResources')
  const label = useRouteLabel()
  const english = i18n.language === 'en'
  const kinds = resource.access.map((route) => route.kind)
  const [remembered, setRemembered] = useState(() => rememberedRoute(document.cookie))
  const [chosen, setChosen] = useState<RouteKind | undefined>(() =>
    remembered && kinds.includes(remembered) ? remembered : kinds[0],
  )
  const rememberedHere = remembered !== undefined && kinds.includes(remembered)

  const remember = (kind: RouteKind | undefined) => {
    if (kind) {
      writeCookie(rememberRouteCookie(kind))
      setRemembered(kind)
    } else {
      writeCookie(forgetRouteCookie())
      setRemembered(undefined)
    }
  }

  if (resource.access.length === 0) {
    return (
      <Typography.Paragraph type="secondary" data-testid="access-none" style={{ margin: 0 }}>
        {t('resource.noRoutes')}
      </Typography.Paragraph>
    )
  }

  return (
    <div data-testid="access-panel">
      <ol className="sq-res-routes" data-testid="access-routes">
        {resource.access.map((route, index) => {
          const note = english ? (route.noteEn ?? route.noteZh) : (route.noteZh ?? route.noteEn)
          return (
            <li
              key={route.kind}
              className={`sq-res-route${index === 0 ? ' recommended' : ''}`}
              data-testid="access-route"
              data-route={route.kind}
            >
              <div className="sq-res-route-head">
                <Tag color={ROUTE_COLOURS[route.kind]} bordered={false} style={{ margin: 0 }}>
                  {label(route.kind)}
                </Tag>
                {index === 0 && (
                  <Tag color="success" style={{ margin: 0 }} data-testid="access-recommended">
                    {t('resource.recommended')}
                  </Tag>
                )}
              </div>
              <p>{t(`explain.${route.kind}`)}</p>
              {note && (
                <p data-testid="access-note" style={{ color: 'rgba(0,0,0,0.85)' }}>
                  {note}
                </p>
              )}
              {route.unconfirmed && (
                <p data-testid="access-unconfirmed">
                  <Typography.Text type="warning" style={{ fontSize: 12 }}>
                    <WarningOutlined /> {t('resource.unconfirmed')}
                  </Typography.Text>
                </p>
              )}
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                {route.link && (
                  <Button
                    type={index === 0 ? 'primary' : 'default'}
                    href={goLink(resource.id, route.kind)}
                    target="_blank"
                    rel="noopener"
                    icon={<ExportOutlined />}
                    onClick={() => {
                      setChosen(route.kind)
                      // Ticked: the reader's latest choice is the one to remember.
                      if (rememberedHere && remembered !== route.kind) remember(route.kind)
                    }}
                    data-testid={`access-go-${route.kind}`}
                  >
                    {t(`go.${route.kind}`)}
                  </Button>
                )}
                {route.guideUrl && (
                  <Button
                    href={route.guideUrl}
                    target="_blank"
                    rel="noopener"
                    icon={<QuestionCircleOutlined />}
                    data-testid="access-guide"
                  >
                    {t('resource.vpnGuide')}
                  </Button>
                )}
              </div>
            </li>
          )
        })}
      </ol>
      <div className="sq-res-remember" data-testid="access-remember-box">
        <Checkbox
          checked={rememberedHere && remembered === chosen}
          onChange={(event) => remember(event.target.checked ? chosen : undefined)}
          data-testid="access-remember"
        >
          {t('resource.remember')}
        </Checkbox>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 12 }}>
          {rememberedHere && remembered === chosen
            ? t('resource.remembered', { route: label(chosen!) })
            : t('resource.rememberWhich', { route: label(chosen!) })}
        </Typography.Paragraph>
        {remembered && !rememberedHere && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 12 }}>
            {t('resource.rememberedOther', { route: label(remembered) })}{' '}
            <Typography.Link onClick={() => remember(undefined)} data-testid="access-forget">
              {t('resource.forget')}
            </Typography.Link>
          </Typography.Paragraph>
        )}
      </div>
    </div>
  )
}
