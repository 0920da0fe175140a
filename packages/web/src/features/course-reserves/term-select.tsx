import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import type { Term } from './queries.ts'

/** The term a page shows: the one in the address, else the current term, else the first. */
export const chosenTermId = (inAddress: string | null, terms: readonly Term[] | undefined) =>
  inAddress ?? terms?.find((term) => term.current)?.id ?? terms?.[0]?.id

/** The term filter of the staff pages, the current term marked. */
export const TermSelect = ({
  value,
  terms,
  onChange,
  width,
  testId,
}: {
  value: string | undefined
  terms: readonly Term[] | undefined
  onChange: (termId: string) => void
  width: number
  testId: string
}) => {
  const { t } = useTranslation('courseReserves')
  const name = useBilingual()
  return (
    <Select
      value={value}
      onChange={onChange}
      aria-label={t('courses.term')}
      options={(terms ?? []).map((item) => ({
        value: item.id,
        label: `${name(item)}${item.current ? ` · ${t('courses.current')}` : ''}`,
      }))}
      style={{ width }}
      data-testid={testId}
    />
  )
}
