import { Checkbox, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { ISO_WEEKDAYS } from '../../app/dates.ts'

/** The usual open weekdays as short tags (周一 … 周日 / Mon … Sun). */
export const WeekdayTags = ({ days }: { days: readonly number[] }) => {
  const { t } = useTranslation()
  if (days.length === 7) return <Tag color="success">{t('weekdays.every')}</Tag>
  if (days.length === 0) return <Tag color="error">{t('weekdays.none')}</Tag>
  return (
    <Space size={[2, 4]} wrap>
      {ISO_WEEKDAYS.filter((day) => days.includes(day)).map((day) => (
        <Tag key={day} style={{ marginInlineEnd: 0 }}>
          {t(`weekdayShort.${day}`)}
        </Tag>
      ))}
    </Space>
  )
}

/** Checkboxes 周一 … 周日 for a form field holding ISO weekdays. */
export const WeekdayCheckboxes = ({
  value,
  onChange,
  disabled,
}: {
  value?: number[]
  onChange?: (value: number[]) => void
  disabled?: boolean
}) => {
  const { t } = useTranslation()
  return (
    <Checkbox.Group
      value={value}
      disabled={disabled}
      onChange={(checked) => onChange?.([...checked].sort())}
      options={ISO_WEEKDAYS.map((day) => ({
        value: day,
        label: t(`weekdayShort.${day}`),
      }))}
      data-testid="library-weekdays"
    />
  )
}
