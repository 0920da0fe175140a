import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons'
import type { catalogue } from '@shuqiao/contracts'
import { Alert, Card, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { formatDateTime } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { EmptyHint, PageError, PageLoading } from '../../app/page-states.tsx'
import { filterProblems, type ProblemFilter } from './catalogue-logic.ts'
import { ImportActions } from './import-actions.tsx'
import { ImportStatusTag } from './import-status.tsx'
import { ItemsTable } from './items-table.tsx'
import { type ImportDetail, useImport } from './queries.ts'
import './catalogue.css'

type Problem = catalogue.ImportProblem

const FIELDS = [
  'barcode',
  'title',
  'author',
  'publisher',
  'year',
  'isbn',
  'callNumber',
  'location',
  'materialType',
  'status',
] as const
type Field = (typeof FIELDS)[number]
const isField = (field: string | null): field is Field =>
  (FIELDS as readonly (string | null)[]).includes(field)

const Counts = ({ detail }: { detail: ImportDetail }) => {
  const { t } = useTranslation('catalogue')
  const counts = [
    { key: 'rows', value: detail.rowsTotal, colour: undefined },
    { key: 'valid', value: detail.rowsValid, colour: '#135c52' },
    { key: 'errors', value: detail.errorCount, colour: detail.errorCount > 0 ? '#cf1322' : undefined },
    { key: 'warnings', value: detail.warningCount, colour: detail.warningCount > 0 ? '#d46b08' : undefined },
  ] as const
  return (
    <div className="sq-import-counts" data-testid="import-counts">
      {counts.map((count) => (
        <Card size="small" key={count.key} data-testid={`import-count-${count.key}`}>
          <Statistic
            title={t(`preview.${count.key}`)}
            value={count.value}
            styles={{ content: count.colour ? { color: count.colour } : undefined }}
          />
        </Card>
      ))}
    </div>
  )
}

const Columns = ({ columns }: { columns: ImportDetail['columns'] }) => {
  const { t } = useTranslation('catalogue')
  return (
    <ul className="sq-import-columns" data-testid="import-columns">
      {columns.map((column, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position in the file; headers may repeat
        <li key={`${index}\u0000${column.header}`} data-field={column.field ?? ''}>
          <span className="header" title={column.header}>
            {column.header || '—'}
          </span>
          <ArrowRightOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.3)', fontSize: 11 }} />
          {isField(column.field) ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {t(`field.${column.field}`)}
            </Tag>
          ) : column.field ? (
            <Tag style={{ marginInlineEnd: 0 }}>{column.field}</Tag>
          ) : (
            <Tag style={{ marginInlineEnd: 0 }} data-testid="import-column-ignored">
              {t('preview.ignored')}
            </Tag>
          )}
        </li>
      ))}
    </ul>
  )
}

const Problems = ({ detail }: { detail: ImportDetail }) => {
  const { t, i18n } = useTranslation('catalogue')
  const [filter, setFilter] = useState<ProblemFilter>('all')
  const shown = filterProblems(detail.problems, filter)
  const total = detail.errorCount + detail.warningCount
  if (total === 0)
    return (
      <Typography.Text type="secondary" data-testid="import-problems-none">
        {t('preview.problemsNone')}
      </Typography.Text>
    )
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('preview.problemsHint')}
      </Typography.Text>
      {total > detail.problems.length && (
        <Alert
          type="info"
          showIcon
          title={t('preview.problemsCapped', { count: total, shown: detail.problems.length })}
        />
      )}
      <Segmented<ProblemFilter>
        value={filter}
        onChange={setFilter}
        data-testid="import-problems-filter"
        options={[
          { value: 'all', label: t('preview.filterAll', { count: total }) },
          { value: 'error', label: t('preview.filterErrors', { count: detail.errorCount }) },
          { value: 'warning', label: t('preview.filterWarnings', { count: detail.warningCount }) },
        ]}
      />
      <Table<Problem>
        rowKey={(row) => `${row.line}\u0000${row.column}\u0000${row.code}`}
        size="small"
        dataSource={shown}
        pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 720 }}
        data-testid="import-problems"
        onRow={(row) => ({ 'data-line': row.line, 'data-severity': row.severity }) as object}
        columns={[
          {
            title: t('preview.line'),
            dataIndex: 'line',
            width: 100,
            render: (line: number) => t('preview.lineText', { line }),
          },
          {
            title: t('preview.column'),
            dataIndex: 'column',
            width: 130,
            render: (column: string | null) => column ?? '—',
          },
          {
            title: t('preview.severity'),
            dataIndex: 'severity',
            width: 90,
            render: (severity: Problem['severity']) => (
              <Tag color={severity === 'error' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {t(`preview.${severity}`)}
              </Tag>
            ),
          },
          {
            title: t('preview.message'),
            dataIndex: 'message',
            render: (message: Problem['message']) => (i18n.language === 'en' ? message.en : message.zh),
          },
        ]}
      />
    </Space>
  )
}

/**
 * One import: what the file held (counts, which column feeds which field, problems by line,
 * the first rows as they will be stored) and, while it is a preview, Apply and Discard.
 */
export const ImportPage = () => {
  const { t } = useTranslation(['catalogue', 'common'])
  const { importId } = useParams()
  const detail = useImport(importId)
  usePageTitle(detail.data ? detail.data.fileName : t('preview.pageTitle'))
  const back = '/staff/catalogue?tab=imports'

  if (detail.isPending) return <PageLoading rows={10} />
  if (detail.isError)
    return <PageError error={detail.error} onRetry={() => void detail.refetch()} backTo={back} />
  const data = detail.data

  return (
    <div data-testid="import-page">
      <LinkButton to={back} type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('preview.back')}
      </LinkButton>
      <div className="sq-page-head">
        <Space size={12} wrap align="center">
          <h1 style={{ margin: 0, fontSize: 20, overflowWrap: 'anywhere' }}>{data.fileName}</h1>
          <ImportStatusTag status={data.status} />
        </Space>
        <ImportActions item={data} />
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('preview.uploadedBy', { name: data.createdBy.name, at: formatDateTime(data.createdAt) })}
        </Typography.Text>
        {data.status === 'applied' ? (
          <Alert
            type="success"
            showIcon
            data-testid="import-result"
            title={t('preview.applied', { added: data.added ?? 0, updated: data.updated ?? 0 })}
            description={
              data.appliedAt ? t('preview.appliedAt', { at: formatDateTime(data.appliedAt) }) : undefined
            }
          />
        ) : data.status === 'discarded' ? (
          <Alert type="info" showIcon data-testid="import-result" title={t('preview.discarded')} />
        ) : (
          <Alert type="warning" showIcon title={t('preview.pending')} />
        )}
        <Counts detail={data} />
        <Card size="small" title={t('preview.problems')}>
          <Problems detail={data} />
        </Card>
        <Card size="small" title={t('preview.columns')}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('preview.columnsHint')}
          </Typography.Paragraph>
          <Columns columns={data.columns} />
        </Card>
        <Card
          size="small"
          title={t(data.status === 'applied' ? 'preview.sampleApplied' : 'preview.sample', {
            count: data.sample.length,
          })}
        >
          <ItemsTable
            rows={data.sample}
            testId="import-sample"
            empty={<EmptyHint text={t('preview.sampleNone')} />}
          />
        </Card>
      </Space>
    </div>
  )
}
