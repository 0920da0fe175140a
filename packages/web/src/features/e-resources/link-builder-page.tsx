import { CopyOutlined, DownloadOutlined, LinkOutlined, WarningOutlined } from '@ant-design/icons'
import { Alert, App as AntApp, Button, Card, Grid, Input, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { downloadText, toCsv } from '../../app/csv.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, useErrorText } from '../../app/page-states.tsx'
import { copyText } from './clipboard.ts'
import { builtLinksRows, builtLinksText, LINK_BUILDER_MAX, urlLines } from './e-resources-logic.ts'
import { type BuiltLink, useBuildLinks } from './queries.ts'
import { ROUTE_COLOURS, useResourceName, useRouteLabel } from './resource-parts.tsx'
import './e-resources.css'

/** The off-campus links of one pasted address, each with a copy button; or why there are none. */
const Links = ({ item }: { item: BuiltLink }) => {
  const { t } = useTranslation('eResources')
  const label = useRouteLabel()
  if (item.problem) {
    return (
      <Typography.Text type="danger" data-testid="link-builder-problem">
        <WarningOutlined /> {item.problem}
      </Typography.Text>
    )
  }
  if (item.links.length === 0) {
    return <Typography.Text type="secondary">{t('linkBuilder.noLinks')}</Typography.Text>
  }
  return (
    <div data-testid="link-builder-links">
      {item.links.map((link) => (
        <div key={link.kind} className="sq-res-link-line" data-route={link.kind}>
          <Tag color={ROUTE_COLOURS[link.kind]} bordered={false}>
            {label(link.kind)}
          </Tag>
          <Typography.Text
            className="sq-res-link-text"
            copyable={
              link.link
                ? { text: link.link, tooltips: [t('linkBuilder.copy'), t('linkBuilder.copied')] }
                : false
            }
            data-testid="link-builder-link"
          >
            {link.link}
          </Typography.Text>
          {link.unconfirmed && (
            <Typography.Text type="warning" style={{ fontSize: 12, flex: 'none' }}>
              <WarningOutlined
                title={t('linkBuilder.unconfirmed')}
                aria-label={t('linkBuilder.unconfirmed')}
              />
            </Typography.Text>
          )}
        </div>
      ))}
    </div>
  )
}

const Matched = ({ item }: { item: BuiltLink }) => {
  const { t } = useTranslation('eResources')
  const nameOf = useResourceName()
  if (item.problem) return null
  return item.resource ? (
    <Typography.Text strong data-testid="link-builder-resource">
      {nameOf(item.resource)}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('linkBuilder.noResource')}
    </Typography.Text>
  )
}

/** 链接转换: a teacher pastes vendor addresses and gets the links students can use from home. */
export const LinkBuilderPage = () => {
  const { t } = useTranslation(['eResources', 'common'])
  usePageTitle(t('linkBuilder.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const wide = Grid.useBreakpoint().md ?? true
  const label = useRouteLabel()
  const nameOf = useResourceName()
  const build = useBuildLinks()
  const [text, setText] = useState('')
  const lines = urlLines(text)
  const items = build.data?.items ?? []

  const submit = () => {
    if (lines.urls.length === 0) return
    build.mutate(lines.urls, { onError: (error) => void message.error(errorText(error)) })
  }

  const labels = { route: label, resource: nameOf }
  const copyAll = async () => {
    const done = await copyText(builtLinksText(items, { ...labels, problem: t('linkBuilder.problem') }))
    if (done) void message.success(t('linkBuilder.copyAllDone', { count: items.length }))
    else void message.error(t('linkBuilder.copyFailed'))
  }
  const download = () =>
    downloadText(
      `${t('linkBuilder.title')}.csv`,
      toCsv(
        builtLinksRows(items, {
          ...labels,
          header: [
            t('linkBuilder.csvHeader.input'),
            t('linkBuilder.csvHeader.resource'),
            t('linkBuilder.csvHeader.route'),
            t('linkBuilder.csvHeader.link'),
            t('linkBuilder.csvHeader.note'),
          ],
          unconfirmed: t('linkBuilder.unconfirmed'),
        }),
      ),
    )

  return (
    <div data-testid="link-builder-page">
      <PageHead title={t('linkBuilder.title')} intro={t('linkBuilder.intro')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Input.TextArea
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoSize={{ minRows: 4, maxRows: 14 }}
            placeholder={t('linkBuilder.placeholder')}
            aria-label={t('linkBuilder.input')}
            spellCheck={false}
            autoComplete="off"
            className="sq-res-input"
            data-testid="link-builder-input"
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit()
            }}
          />
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginTop: 12 }}>
            <Button
              type="primary"
              icon={<LinkOutlined />}
              onClick={submit}
              loading={build.isPending}
              disabled={lines.urls.length === 0}
              data-testid="link-builder-submit"
            >
              {t('linkBuilder.submit')}
            </Button>
            {text && (
              <Button
                onClick={() => {
                  setText('')
                  build.reset()
                }}
              >
                {t('linkBuilder.clear')}
              </Button>
            )}
            <Typography.Text type="secondary">
              {t('linkBuilder.count', { count: lines.urls.length })}
            </Typography.Text>
          </div>
          {lines.dropped > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t('linkBuilder.tooMany', { max: LINK_BUILDER_MAX, dropped: lines.dropped })}
            />
          )}
        </Card>
        {build.data && (
          <Card
            size="small"
            title={t('linkBuilder.results')}
            extra={
              <Space wrap>
                <Button
                  icon={<CopyOutlined />}
                  onClick={() => void copyAll()}
                  data-testid="link-builder-copy-all"
                >
                  {t('linkBuilder.copyAll')}
                </Button>
                <Button icon={<DownloadOutlined />} onClick={download} data-testid="link-builder-csv">
                  {wide ? t('linkBuilder.downloadCsv') : 'CSV'}
                </Button>
              </Space>
            }
            data-testid="link-builder-results"
          >
            {items.length === 0 ? (
              <EmptyHint text={t('linkBuilder.empty')} />
            ) : wide ? (
              <Table<BuiltLink & { line: number }>
                rowKey="line"
                size="small"
                pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                dataSource={items.map((item, at) => ({ ...item, line: at + 1 }))}
                data-testid="link-builder-table"
                columns={[
                  { title: '#', dataIndex: 'line', width: 48 },
                  {
                    title: t('linkBuilder.column.input'),
                    key: 'input',
                    width: '34%',
                    render: (_, item) => (
                      <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
                        <span className="sq-res-input">{item.input}</span>
                        <Matched item={item} />
                      </Space>
                    ),
                  },
                  {
                    title: t('linkBuilder.column.links'),
                    key: 'links',
                    render: (_, item) => <Links item={item} />,
                  },
                ]}
              />
            ) : (
              <ol className="sq-res-routes" data-testid="link-builder-list">
                {items.map((item, at) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the answer lists the pasted lines in order; a line may repeat a problem
                  <li key={at} className="sq-res-route">
                    <div className="sq-res-input" style={{ marginBottom: 4 }}>
                      {at + 1}. {item.input}
                    </div>
                    <div style={{ marginBottom: 6 }}>
                      <Matched item={item} />
                    </div>
                    <Links item={item} />
                  </li>
                ))}
              </ol>
            )}
          </Card>
        )}
      </Space>
    </div>
  )
}
