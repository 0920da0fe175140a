import type { FormRule as Rule } from 'antd'
import { i18n } from './i18n.ts'

// The same limits as the contracts (packages/contracts/src/common/text.ts), checked before sending.
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 200
export const READER_NUMBER_PATTERN = /^[A-Za-z0-9._-]+$/
export const PHONE_PATTERN = /^\+?[0-9 -]{5,20}$/
const UNSAFE_IN_NAME = /[<>\p{Cc}]/u

// Rules are built while rendering, so messages follow the current language.
const t = i18n.t.bind(i18n)

const optionalPattern = (pattern: RegExp, message: string): Rule => ({
  validator: (_, value: string | undefined) =>
    !value?.trim() || pattern.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(message)),
})

export const emailRules = (): Rule[] => [
  { type: 'email', message: t('common:validation.email') },
  { max: 254, message: t('common:validation.max', { max: 254 }) },
]

export const phoneRules = (): Rule[] => [optionalPattern(PHONE_PATTERN, t('common:validation.phone'))]

/** A required name: 1..max characters after trimming, no angle brackets or control characters. */
export const nameRules = (max: number): Rule[] => [
  { required: true, whitespace: true, message: t('common:validation.required') },
  { max, message: t('common:validation.max', { max }) },
  {
    validator: (_, value: string | undefined) =>
      value && UNSAFE_IN_NAME.test(value)
        ? Promise.reject(new Error(t('common:validation.unsafe')))
        : Promise.resolve(),
  },
]

export const readerNumberRules = (): Rule[] => [
  { required: true, whitespace: true, message: t('common:validation.required') },
  { max: 40, message: t('common:validation.max', { max: 40 }) },
  optionalPattern(READER_NUMBER_PATTERN, t('common:validation.readerNumber')),
]

export const passwordRules = (): Rule[] => [
  { required: true, message: t('common:validation.required') },
  { min: PASSWORD_MIN, message: t('common:validation.passwordMin', { min: PASSWORD_MIN }) },
  { max: PASSWORD_MAX, message: t('common:validation.max', { max: PASSWORD_MAX }) },
]

/** Confirm field that must equal another password field. */
export const confirmRules = (other: string): Rule[] => [
  { required: true, message: t('common:validation.required') },
  ({ getFieldValue }) => ({
    validator: (_, value) =>
      !value || value === getFieldValue(other)
        ? Promise.resolve()
        : Promise.reject(new Error(t('common:validation.passwordMismatch'))),
  }),
]

const isUnsafeInNote = (char: string) => {
  const code = char.charCodeAt(0)
  return (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0x7f
}

/** Free text such as a note: control characters other than line breaks are refused, as on the server. */
export const noteRule = (): Rule => ({
  validator: (_, value: string | undefined) =>
    value && [...value].some(isUnsafeInNote)
      ? Promise.reject(new Error(t('common:validation.unsafe')))
      : Promise.resolve(),
})
