import type { closureMeasures } from '@shuqiao/contracts'
import { READER_TYPES } from '@shuqiao/contracts'
import { Select, Table } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'

/** A picked day as the API takes it ('YYYY-MM-DD'), or undefined. */
export const dayOf = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined)

/** 全部读者 or one reader type; `undefined` stands for all. */
export const ReaderTypeSelect = ({
  value,
  onChange,
  testId,
}: {
  value?: string | undefined
  onChange?: (value: string | undefined) => void
  testId: string
}) => {
  const { t } = useTranslation('circulation')
  return (
    <Select
      allowClear
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      placeholder={t('closure.allReaders')}
      options={READER_TYPES.map((type) => ({ value: type, label: t(`readerType.${type}`) }))}
      style={{ minWidth: 140 }}
      data-testid={testId}
    />
  )
}

/** The first loans a change would move, with their due dates before and after. */
export const SampleTable = ({ rows, testId }: { rows: closureMeasures.SampleLoan[]; testId: string }) => {
  const { t } = useTranslation('circulation')
  return (
    <Table<closureMeasures.SampleLoan>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      scroll={{ x: true }}
      columns={[
        {
          title: t('closure.sampleItem'),
          key: 'item',
          render: (_, row) => `${row.item.title}（${row.item.barcode}）`,
        },
        {
          title: t('closure.sampleReader'),
          key: 'reader',
          render: (_, row) => `${row.reader.name}（${row.reader.readerNumber}）`,
        },
        { title: t('closure.dueBefore'), dataIndex: 'dueBeforeLocal', key: 'before' },
        { title: t('closure.dueAfter'), dataIndex: 'dueAfterLocal', key: 'after' },
      ]}
    />
  )
}
