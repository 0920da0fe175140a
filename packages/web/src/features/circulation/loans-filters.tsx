import { ClearOutlined, ReloadOutlined } from '@ant-design/icons'
import { READER_TYPES } from '@shuqiao/contracts'
import { Button, DatePicker, Input, Select } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { searchChanger } from '../../app/search-params.ts'
import type { LoanFilters } from './queries.ts'

const DAY = /^\d{4}-\d\d-\d\d$/
const oneOf = <T extends string>(values: readonly T[], value: string | null) =>
  values.includes(value as T) ? (value as T) : undefined

/** The loans list's filters, kept in the address so a link or the back button finds the list as it was. */
export const useLoanParams = () => {
  const [search, setSearch] = useSearchParams()
  const day = (key: string) => {
    const value = search.get(key)
    return value && DAY.test(value) ? value : undefined
  }
  const filters: LoanFilters = {
    state: oneOf(['open', 'returned', 'all'] as const, search.get('state')) ?? 'open',
    readerNumber: search.get('reader') || undefined,
    dueFrom: day('dueFrom'),
    dueTo: day('dueTo'),
    overdue: oneOf(['true', 'false'] as const, search.get('overdue')),
    location: search.get('location') || undefined,
    readerType: oneOf(READER_TYPES, search.get('readerType')),
  }
  return { filters, library: search.get('library') ?? undefined, change: searchChanger(setSearch) }
}

export const LoansFilters = ({
  locations,
  onRefresh,
  refreshing,
}: {
  locations: string[]
  onRefresh: () => void
  refreshing: boolean
}) => {
  const { t } = useTranslation(['circulation', 'common'])
  const { filters, change } = useLoanParams()
  const [reader, setReader] = useState(filters.readerNumber ?? '')
  const filtered = Boolean(
    filters.readerNumber ||
      filters.dueFrom ||
      filters.dueTo ||
      filters.overdue ||
      filters.location ||
      filters.readerType ||
      filters.state !== 'open',
  )
  return (
    <div className="sq-filters" data-testid="loans-filters">
      <Input.Search
        allowClear
        value={reader}
        onChange={(event) => {
          setReader(event.target.value)
          if (!event.target.value) change({ reader: undefined })
        }}
        onSearch={(value) => change({ reader: value.trim() || undefined })}
        placeholder={t('loans.reader')}
        aria-label={t('loans.reader')}
        maxLength={40}
        style={{ width: 180 }}
        data-testid="loans-filter-reader"
      />
      <DatePicker.RangePicker
        value={[filters.dueFrom ? dayjs(filters.dueFrom) : null, filters.dueTo ? dayjs(filters.dueTo) : null]}
        onChange={(range) =>
          change({
            dueFrom: range?.[0]?.format('YYYY-MM-DD'),
            dueTo: range?.[1]?.format('YYYY-MM-DD'),
          })
        }
        allowEmpty={[true, true]}
        placeholder={[t('loans.dueRange'), t('loans.dueRange')]}
        aria-label={t('loans.dueRange')}
        data-testid="loans-filter-due"
      />
      <Select
        allowClear
        placeholder={t('loans.overdue')}
        aria-label={t('loans.overdue')}
        value={filters.overdue}
        onChange={(overdue: string | undefined) => change({ overdue })}
        options={[
          { value: 'true', label: t('loans.overdueYes') },
          { value: 'false', label: t('loans.overdueNo') },
        ]}
        style={{ width: 120 }}
        data-testid="loans-filter-overdue"
      />
      <Select
        allowClear
        showSearch
        placeholder={t('loans.location')}
        aria-label={t('loans.location')}
        value={filters.location}
        onChange={(location: string | undefined) => change({ location })}
        options={locations.map((location) => ({ value: location, label: location }))}
        style={{ width: 200 }}
        data-testid="loans-filter-location"
      />
      <Select
        allowClear
        placeholder={t('loans.readerType')}
        aria-label={t('loans.readerType')}
        value={filters.readerType}
        onChange={(readerType: string | undefined) => change({ readerType })}
        options={READER_TYPES.map((type) => ({ value: type, label: t(`readerType.${type}`) }))}
        style={{ width: 120 }}
        data-testid="loans-filter-reader-type"
      />
      <Select
        aria-label={t('loans.state')}
        value={filters.state}
        onChange={(state: string) => change({ state: state === 'open' ? undefined : state })}
        options={[
          { value: 'open', label: t('loans.stateOpen') },
          { value: 'returned', label: t('loans.stateReturned') },
          { value: 'all', label: t('loans.stateAll') },
        ]}
        style={{ width: 110 }}
        data-testid="loans-filter-state"
      />
      {filtered && (
        <Button
          icon={<ClearOutlined />}
          onClick={() => {
            setReader('')
            change({
              reader: undefined,
              dueFrom: undefined,
              dueTo: undefined,
              overdue: undefined,
              location: undefined,
              readerType: undefined,
              state: undefined,
            })
          }}
          data-testid="loans-clear-filters"
        >
          {t('loans.clear')}
        </Button>
      )}
      <Button
        icon={<ReloadOutlined />}
        onClick={onRefresh}
        loading={refreshing}
        aria-label={t('common:action.refresh')}
        title={t('common:action.refresh')}
      />
    </div>
  )
}
