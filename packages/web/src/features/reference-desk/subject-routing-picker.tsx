import { Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useDisciplines } from '../e-resources/queries.ts'

/**
 * The subject of a question (学科), chosen before a topic: its subject librarians on duty answer
 * first. Without one, the reader's department decides. A guest names the library (`library`, its
 * code) whose list to show.
 */
export const SubjectPicker = ({
  value,
  onChange,
  library = null,
}: {
  value: string | undefined
  onChange: (subject: string | undefined) => void
  library?: string | null
}) => {
  const { t, i18n } = useTranslation('roster')
  const list = useDisciplines(library)
  if (!list.data) return null
  return (
    <div>
      <Typography.Text strong>{t('subject.pick')}</Typography.Text>
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        value={value}
        onChange={(code) => onChange(code ?? undefined)}
        placeholder={t('subject.none')}
        options={list.data.items.map((item) => ({
          value: item.code,
          label: i18n.language === 'en' ? item.en : item.zh,
        }))}
        style={{ width: '100%', marginTop: 4 }}
        data-testid="ask-subject"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('subject.pickHelp')}
      </Typography.Text>
    </div>
  )
}
