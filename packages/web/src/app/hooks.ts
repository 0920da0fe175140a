import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

/** Sets document.title to "<page> · 书桥" in the current language. */
export const usePageTitle = (title: string) => {
  const { t } = useTranslation()
  const app = t('app.name')
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app
  }, [title, app])
}

interface Bilingual {
  nameZh: string
  nameEn: string
}

/** Picks the name in the interface language from a nameZh/nameEn pair. */
export const useBilingual = () => {
  const { i18n } = useTranslation()
  const english = i18n.language === 'en'
  return (item: Bilingual | null | undefined) => (item ? (english ? item.nameEn : item.nameZh) : '')
}
