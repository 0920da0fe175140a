import { Form, Input, Select } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { nameRules } from '../../app/validation.ts'
import { WeekdayCheckboxes } from './weekdays.tsx'

export interface LibraryValues {
  code: string
  nameZh: string
  nameEn: string
  timeZone: string
  openWeekdays: number[]
}

const LIBRARY_CODE = /^[a-z0-9-]+$/

const timeZones = () => {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Urumqi', 'UTC']
  }
}

/** Fields of a library; `code` only when creating, since it cannot change afterwards. */
export const LibraryFields = ({ withCode, disabled }: { withCode: boolean; disabled?: boolean }) => {
  const { t } = useTranslation(['libraries', 'common'])
  const zones = useMemo(() => timeZones().map((zone) => ({ value: zone, label: zone })), [])
  return (
    <>
      {withCode && (
        <Form.Item
          name="code"
          label={t('field.code')}
          extra={t('field.codeHint')}
          rules={[
            { required: true, whitespace: true, message: t('common:validation.required') },
            { min: 2, max: 20, message: t('common:validation.between', { min: 2, max: 20 }) },
            { pattern: LIBRARY_CODE, message: t('field.codeFormat') },
          ]}
        >
          <Input data-testid="library-code" autoCapitalize="off" spellCheck={false} />
        </Form.Item>
      )}
      <Form.Item name="nameZh" label={t('field.nameZh')} rules={nameRules(120)}>
        <Input data-testid="library-name-zh" disabled={disabled} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('field.nameEn')} rules={nameRules(200)}>
        <Input data-testid="library-name-en" disabled={disabled} />
      </Form.Item>
      <Form.Item
        name="timeZone"
        label={t('field.timeZone')}
        rules={[{ required: true, message: t('common:validation.required') }]}
      >
        <Select showSearch options={zones} data-testid="library-time-zone" disabled={disabled} />
      </Form.Item>
      <Form.Item name="openWeekdays" label={t('field.openWeekdays')} extra={t('field.openWeekdaysHint')}>
        <WeekdayCheckboxes disabled={disabled} />
      </Form.Item>
    </>
  )
}
