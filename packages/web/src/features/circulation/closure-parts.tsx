import type { closureMeasures } from '@shuqiao/contracts'
import { READER_TYPES } from '@shuqiao/contracts'
import { Alert, App as AntApp, Button, Select, Space, Table } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'

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

interface Mutation<I, R> {
  mutateAsync: (input: I) => Promise<R>
  reset: () => void
}

/**
 * Applying a closure measure: count again what it would change (others may have changed loans
 * since the preview), refuse with `refusal` when the count says so, ask to confirm with the count,
 * then apply and say how many changed. One flow for every measure of the page.
 */
export const useCountThenApply = <I, P>({
  preview,
  apply,
  refusal,
  confirmTitle,
  appliedText,
}: {
  preview: Mutation<I, P>
  apply: Mutation<I, { affected: number }>
  refusal?: (counted: P) => string | undefined
  confirmTitle: (counted: P) => string
  appliedText: (affected: number) => string
}) => {
  const { t } = useTranslation(['circulation', 'common'])
  const { modal, message } = AntApp.useApp()
  const errorText = useErrorText()
  return async (input: I) => {
    const counted = await preview.mutateAsync(input).catch((error: unknown) => {
      void message.error(errorText(error))
      return undefined
    })
    if (counted === undefined) return
    const refused = refusal?.(counted)
    if (refused) {
      void message.error(refused)
      return
    }
    modal.confirm({
      title: confirmTitle(counted),
      okText: t('closure.apply'),
      okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
      cancelText: t('common:action.cancel'),
      onOk: () =>
        apply
          .mutateAsync(input)
          .then((batch) => {
            void message.success(appliedText(batch.affected))
            preview.reset()
          })
          .catch((error: unknown) => void message.error(errorText(error))),
    })
  }
}

/**
 * A measure's two buttons (count first, then apply after confirming) and, under the form, what
 * went wrong with the count. `testId` names both: `<testId>-preview`, `<testId>-apply`.
 */
export const PreviewApplyButtons = ({
  testId,
  onPreview,
  onApply,
  previewing,
  applying,
  danger = false,
}: {
  testId: string
  onPreview: () => void
  onApply: () => void
  previewing: boolean
  applying: boolean
  danger?: boolean
}) => {
  const { t } = useTranslation('circulation')
  return (
    <Space wrap>
      <Button onClick={onPreview} loading={previewing} data-testid={`${testId}-preview`}>
        {t('closure.preview')}
      </Button>
      <Button
        type="primary"
        danger={danger}
        onClick={onApply}
        loading={applying}
        data-testid={`${testId}-apply`}
      >
        {t('closure.apply')}
      </Button>
    </Space>
  )
}

export const PreviewFailed = ({ error }: { error: unknown }) => {
  const errorText = useErrorText()
  return <Alert type="error" showIcon title={errorText(error)} style={{ marginTop: 12 }} />
}
