import { z } from 'zod'

// Control characters and angle brackets have no place in a name a librarian types;
// rejecting them keeps names safe to show in e-mails, exports and other people's pages.
const UNSAFE_IN_NAME = /[<>\p{Cc}]/u

/** A short human-entered name or label, trimmed, 1..max characters. */
export const nameText = (max = 100) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !UNSAFE_IN_NAME.test(value), { message: 'unsafe_characters' })

const isUnsafeInNote = (char: string) => {
  const code = char.charCodeAt(0)
  return (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0x7f
}

/** Free text such as a note; control characters other than line breaks are refused. */
export const noteText = (max = 2000) =>
  z
    .string()
    .max(max)
    .refine((value) => ![...value].some(isUnsafeInNote), { message: 'unsafe_characters' })

export const IdSchema = z.uuid()
export const EmailSchema = z.email().max(254)
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 -]{5,20}$/)
/** 学工号: letters, digits, dot, dash and underscore. */
export const ReaderNumberSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/)
export const PasswordSchema = z.string().min(8).max(200)
export const DateOnlySchema = z.iso.date()
export const TimestampSchema = z.iso.datetime({ offset: true })

/** A pair of names in the interface's two languages. */
export const BilingualName = z.object({ zh: nameText(120), en: nameText(200) })
