import type { Language } from '@shuqiao/contracts'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { setNetworkMessage } from '../api/client.ts'
import { NAMESPACES, resources } from '../locales/index.ts'

export const LANGUAGE_STORAGE_KEY = 'shuqiao.language'
const LANGUAGE_COOKIE = 'lang'
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

const isLanguage = (value: unknown): value is Language => value === 'zh-CN' || value === 'en'

const readCookie = (name: string) =>
  document.cookie
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1]

/** The language chosen earlier on this browser, else zh-CN (the default for every visitor). */
const storedLanguage = (): Language => {
  let stored: string | null = null
  try {
    stored = localStorage.getItem(LANGUAGE_STORAGE_KEY)
  } catch {
    // storage may be blocked (private mode); the cookie still works
  }
  if (isLanguage(stored)) return stored
  const cookie = readCookie(LANGUAGE_COOKIE)
  return isLanguage(cookie) ? cookie : 'zh-CN'
}

/**
 * Makes a language the interface language and remembers it in localStorage and in the `lang`
 * cookie, which the server reads to write its error messages in the same language.
 */
export const applyLanguage = async (language: Language) => {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language)
  } catch {
    // ignore: the cookie below is enough for the server
  }
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads this plain cookie; Cookie Store API is not in every browser we support
  document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`
  document.documentElement.lang = language
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn')
  if (i18n.language !== language) await i18n.changeLanguage(language)
}

/**
 * A language picked with the switch while signed out (on the sign-in page). It is the newest
 * wish, so signing in saves it to the account instead of adopting the account's older setting.
 */
export const chosenWhileSignedOut: { language: Language | undefined } = { language: undefined }

export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : 'zh-CN')

const initial = storedLanguage()

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  ns: NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
})
// Write the cookie even for a first visit, so server messages match the interface from the start.
void applyLanguage(initial)
setNetworkMessage(() => i18n.t('common:error.network'))

export { i18n }
