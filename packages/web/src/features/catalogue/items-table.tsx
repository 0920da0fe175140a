import { type catalogue, hyphenatedIsbn } from '@shuqiao/contracts'
import { Table, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { publication } from './catalogue-logic.ts'
import { ItemStatusTag } from './catalogue-parts.tsx'

type Row = Omit<catalogue.CatalogueItem, 'id' | 'libraryId'> & { id?: string }

const muted = (value: ReactNode) =>
  value === null || value === undefined || value === '' ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    value
  )

/**
 * Items as staff read a shelf list: barcode, title, author, publisher and year, ISBN, call
 * number, location and status. Also shows the sample rows of an import preview.
 */
export const ItemsTable = ({
  rows,
  loading,
  empty,
  testId,
}: {
  rows: Row[]
  loading?: boolean
  empty: ReactNode
  testId: string
}) => {
  const { t } = useTranslation('catalogue')
  return (
    <Table<Row>
      rowKey={(row) => row.id ?? row.barcode}
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1060 }}
      data-testid={testId}
      locale={{ emptyText: empty }}
      columns={[
        {
          title: t('field.barcode'),
          dataIndex: 'barcode',
          width: 136,
          render: (barcode: string) => (
            <Typography.Text copyable={{ text: barcode }} style={{ whiteSpace: 'nowrap' }}>
              {barcode}
            </Typography.Text>
          ),
        },
        {
          title: t('field.title'),
          dataIndex: 'title',
          render: (title: string, row) => (
            <span>
              {title}
              {row.materialType !== 'book' && (
                <Tag style={{ marginInlineStart: 6 }}>{t(`materialType.${row.materialType}`)}</Tag>
              )}
            </span>
          ),
        },
        { title: t('field.author'), dataIndex: 'author', width: 120, render: muted },
        {
          title: t('field.publication'),
          key: 'publication',
          width: 150,
          render: (_, row) => muted(publication(row.publisher, row.year)),
        },
        {
          title: t('field.isbn'),
          dataIndex: 'isbn',
          width: 148,
          render: (isbn: string | null) =>
            muted(isbn && <span style={{ whiteSpace: 'nowrap' }}>{hyphenatedIsbn(isbn)}</span>),
        },
        {
          title: t('field.callNumber'),
          dataIndex: 'callNumber',
          width: 120,
          render: (callNumber: string | null) =>
            muted(callNumber && <span className="sq-cat-call wrap">{callNumber}</span>),
        },
        { title: t('field.location'), dataIndex: 'location', width: 140, render: muted },
        {
          title: t('field.status'),
          dataIndex: 'status',
          width: 84,
          fixed: 'right',
          render: (status: Row['status']) => <ItemStatusTag status={status} />,
        },
      ]}
    />
  )
}
