import type { Language } from '@shuqiao/contracts'
import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSwitchLanguage } from '../features/session/queries.ts'

/**
 * 中文 / English: each label is written in its own language, whatever the current one is.
 * `compact` (中 / EN) leaves room in a phone's header.
 */
export const LanguageSwitch = ({
  size = 'small',
  compact = false,
}: {
  size?: 'small' | 'middle'
  compact?: boolean
}) => {
  const { t, i18n } = useTranslation()
  const switchLanguage = useSwitchLanguage()
  const options: { value: Language; label: string; short: string }[] = [
    { value: 'zh-CN', label: t('language.zh-CN'), short: t('language.short.zh-CN') },
    { value: 'en', label: t('language.en'), short: t('language.short.en') },
  ]
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={(value) => void switchLanguage(value)}
      options={options.map((option) => ({
        value: option.value,
        label: (
          <span
            data-testid={`language-${option.value}`}
            lang={option.value}
            title={compact ? option.label : undefined}
          >
            {compact ? option.short : option.label}
          </span>
        ),
      }))}
    />
  )
}
