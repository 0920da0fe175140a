import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons'
import type { catalogue, circulationImports } from '@shuqiao/contracts'
import { Alert, Card, Space, Statistic, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { formatDateTime } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { EmptyHint, PageError, PageLoading } from '../../app/page-states.tsx'
import { formatFen } from './circulation-logic.ts'
import { ImportActions } from './import-actions.tsx'
import { ImportStatus } from './imports-page.tsx'
import { type ImportDetail, useImport } from './queries.ts'
import './circulation.css'

type Problem = catalogue.ImportProblem
type Row = circulationImports.StagedRow

const FIELDS = [
  'barcode',
  'readerNumber',
  'checkedOutAt',
  'dueAt',
  'renewals',
  'amount',
  'reason',
  'finedAt',
] as const
const isField = (field: string | null): field is (typeof FIELDS)[number] =>
  (FIELDS as readonly (string | null)[]).includes(field)

const Counts = ({ detail }: { detail: ImportDetail }) => {
  const { t } = useTranslation('circulation')
  const counts = [
    { key: 'rows', value: detail.rowsTotal, colour: undefined },
    { key: 'valid', value: detail.rowsValid, colour: '#135c52' },
    { key: 'errors', value: detail.errorCount, colour: detail.errorCount > 0 ? '#cf1322' : undefined },
    { key: 'warnings', value: detail.warningCount, colour: detail.warningCount > 0 ? '#d46b08' : undefined },
  ] as const
  return (
    <div className="sq-circ-counts">
      {counts.map((count) => (
        <Card size="small" key={count.key} data-testid={`circulation-import-count-${count.key}`}>
          <Statistic
            title={t(`import.${count.key}`)}
            value={count.value}
            styles={{ content: count.colour ? { color: count.colour } : undefined }}
          />
        </Card>
      ))}
    </div>
  )
}

const Problems = ({ problems }: { problems: Problem[] }) => {
  const { t, i18n } = useTranslation('circulation')
  if (problems.length === 0)
    return <Typography.Text type="secondary">{t('import.problemsNone')}</Typography.Text>
  return (
    <Table<Problem>
      rowKey={(row) => `${row.line}\u0000${row.column}\u0000${row.code}`}
      size="small"
      dataSource={problems}
      pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 640 }}
      data-testid="circulation-import-problems"
      onRow={(row) => ({ 'data-line': row.line, 'data-severity': row.severity }) as object}
      columns={[
        {
          title: t('import.line'),
          dataIndex: 'line',
          width: 90,
          render: (line: number) => t('import.lineText', { line }),
        },
        {
          title: t('import.column'),
          dataIndex: 'column',
          width: 110,
          render: (column: string | null) => column ?? '—',
        },
        {
          title: t('import.severity'),
          dataIndex: 'severity',
          width: 80,
          render: (severity: Problem['severity']) => (
            <Tag color={severity === 'error' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
              {t(`import.${severity}`)}
            </Tag>
          ),
        },
        {
          title: t('import.message'),
          dataIndex: 'message',
          render: (message: Problem['message']) => (i18n.language === 'en' ? message.en : message.zh),
        },
      ]}
    />
  )
}

const Sample = ({ detail }: { detail: ImportDetail }) => {
  const { t } = useTranslation('circulation')
  const loans = detail.kind === 'loans'
  const day = (at: string | null) => (at ? formatDateTime(at).slice(0, 16) : '—')
  return (
    <Table<Row>
      rowKey="line"
      size="small"
      dataSource={detail.sample}
      pagination={false}
      scroll={{ x: 720 }}
      data-testid="circulation-import-sample"
      locale={{ emptyText: <EmptyHint text={t('import.problemsNone')} /> }}
      columns={[
        { title: t('import.line'), dataIndex: 'line', width: 70 },
        {
          title: t('loans.borrower'),
          key: 'reader',
          width: 160,
          render: (_, row) => `${row.readerName}（${row.readerNumber}）`,
        },
        ...(loans
          ? [
              {
                title: t('loans.item'),
                key: 'item',
                render: (_: unknown, row: Row) => `${row.title ?? ''}（${row.barcode ?? ''}）`,
              },
              {
                title: t('loans.checkedOut'),
                key: 'out',
                width: 150,
                render: (_: unknown, row: Row) => day(row.checkedOutAt),
              },
              {
                title: t('loans.dueAt'),
                key: 'due',
                width: 150,
                render: (_: unknown, row: Row) => day(row.dueAt),
              },
              { title: t('loans.renewals'), dataIndex: 'renewals', width: 70 },
            ]
          : [
              {
                title: t('import.amount'),
                key: 'amount',
                width: 100,
                render: (_: unknown, row: Row) => formatFen(row.amountFen ?? 0),
              },
              { title: t('import.reason'), dataIndex: 'reason' },
            ]),
      ]}
    />
  )
}

/** One import of loans or fines: counts, what blocks it, problems by line, columns, rows to import, and its actions. */
export const ImportPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  const { importId } = useParams()
  const detail = useImport(importId)
  usePageTitle(detail.data?.fileName ?? t('imports.title'))
  const back = '/staff/circulation/imports'
  if (detail.isPending) return <PageLoading rows={10} />
  if (detail.isError)
    return <PageError error={detail.error} onRetry={() => void detail.refetch()} backTo={back} />
  const data = detail.data

  return (
    <div data-testid="circulation-import-page">
      <LinkButton
        to={back}
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingInline: 0 }}
        data-testid="import-back"
      >
        {t('import.back')}
      </LinkButton>
      <div className="sq-page-head">
        <Space size={12} wrap align="center">
          <h1 style={{ margin: 0, fontSize: 20, overflowWrap: 'anywhere' }}>{data.fileName}</h1>
          <Tag>{data.kind === 'loans' ? t('imports.kindLoans') : t('imports.kindFines')}</Tag>
          <ImportStatus status={data.status} />
        </Space>
        <ImportActions detail={data} />
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {data.createdBy.name} · {formatDateTime(data.createdAt)}
        </Typography.Text>
        {data.status === 'applied' ? (
          <Alert
            type="success"
            showIcon
            title={t('import.applied', { count: data.added ?? 0 })}
            data-testid="circulation-import-result"
          />
        ) : data.status === 'discarded' ? (
          <Alert type="info" showIcon title={t('import.discarded')} data-testid="circulation-import-result" />
        ) : data.errorCount > 0 ? (
          <Alert
            type="error"
            showIcon
            title={t('import.blocked', { count: data.errorCount })}
            data-testid="circulation-import-blocked"
          />
        ) : (
          <Alert type="warning" showIcon title={t('import.pending')} />
        )}
        <Counts detail={data} />
        <Card size="small" title={t('import.problemsTitle')}>
          <Problems problems={data.problems} />
        </Card>
        <Card size="small" title={t('import.columns')}>
          <ul className="sq-circ-columns" data-testid="circulation-import-columns">
            {data.columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position in the file; headers may repeat
              <li key={`${index}\u0000${column.header}`} data-field={column.field ?? ''}>
                <span>{column.header || '—'}</span>
                <ArrowRightOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.3)', fontSize: 11 }} />
                <Tag color={isField(column.field) ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
                  {isField(column.field) ? t(`field.${column.field}`) : t('import.ignored')}
                </Tag>
              </li>
            ))}
          </ul>
        </Card>
        <Card size="small" title={t('import.sample', { count: data.sample.length })}>
          <Sample detail={data} />
        </Card>
      </Space>
    </div>
  )
}
