import {
  FIELD_MESSAGES,
  type FormField,
  formSchema,
  type RequestType,
  type requests,
} from '@shuqiao/contracts'
import type { FormInstance } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { ApiProblem } from '../../api/client.ts'

/** Form field name of uploaded files (attachments.tsx renders it); not a key any request form uses. */
export const ATTACHMENTS = '_attachments'

/** Form field name of the chosen subject (subject-parts.tsx), sent as `subjectId` beside the form. */
export const SUBJECT = '_subject'

/** What an antd form holds for a field: text, Dayjs for dates, numbers, option values. */
export type FormValue = string | number | string[] | Dayjs | null | undefined

export const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0)

/** A field's value as the API takes it. */
export const toWire = (field: FormField, value: FormValue): unknown => {
  if (field.kind === 'date') return dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value
  if (typeof value === 'string') return field.kind === 'textarea' ? value : value.trim()
  return value
}

/** The `form` of a submit: only the filled-in fields (an empty optional field is left out). */
export const formBody = (type: RequestType, values: Record<string, FormValue>) => {
  const form: Record<string, unknown> = {}
  for (const field of type.fields) {
    const value = values[field.name]
    if (!isEmpty(value)) form[field.name] = toWire(field, value)
  }
  return form
}

/** A stored form as the antd form holds it, to prefill a correction: dates become Dayjs. */
export const formValuesOf = (type: RequestType, form: Record<string, unknown>) => {
  const values: Record<string, FormValue> = {}
  for (const field of type.fields) {
    const value = form[field.name]
    if (value === undefined || value === null) continue
    if (field.kind === 'date' && typeof value === 'string') values[field.name] = dayjs(value)
    else values[field.name] = value as FormValue
  }
  return values
}

/** The reader's latest correction of the form (a resubmission that changed fields), if any. */
export const latestCorrection = (events: readonly requests.RequestEvent[]) =>
  [...events].reverse().find((event) => event.formChanges.length > 0)

const schemas = new WeakMap<RequestType, ReturnType<typeof formSchema>>()
const schemaOf = (type: RequestType) => {
  let schema = schemas.get(type)
  if (!schema) {
    schema = formSchema(type)
    schemas.set(type, schema)
  }
  return schema
}

export interface FieldIssue {
  /** A key of the requests namespace's `validation` messages, or a FIELD_MESSAGES code. */
  key: 'required' | 'max' | 'between' | 'unsafe' | 'isbn' | 'doi' | 'date' | 'choice' | 'invalid'
  max?: number
  min?: number
}

/**
 * Checks one value with the very schema the server uses (formSchema from the contracts), so the
 * limits cannot drift apart; returns what is wrong, or undefined.
 */
export const checkField = (type: RequestType, field: FormField, value: FormValue): FieldIssue | undefined => {
  if (isEmpty(value)) return field.required ? { key: 'required' } : undefined
  const schema = schemaOf(type).shape[field.name]
  if (!schema) return undefined
  const result = schema.safeParse(toWire(field, value))
  if (result.success) return undefined
  const issue = result.error.issues[0]
  if (!issue) return { key: 'invalid' }
  if (issue.code === 'custom' && issue.message === 'unsafe_characters') return { key: 'unsafe' }
  if (issue.code === 'custom' && issue.message === 'too_small') return { key: 'required' }
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return issue.code === 'too_big' ? { key: 'max', max: field.max } : { key: 'invalid' }
    case 'number':
      return { key: 'between', min: field.min, max: field.max }
    case 'isbn':
      return { key: 'isbn' }
    case 'doi':
      return { key: 'doi' }
    case 'date':
      return { key: 'date' }
    default:
      return { key: 'choice' }
  }
}

/** The message of a FIELD_MESSAGES code in a language, for codes the page has no words of its own for. */
export const fieldMessage = (code: string, english: boolean) => {
  const message = FIELD_MESSAGES[code] ?? FIELD_MESSAGES.invalid
  return message ? (english ? message.en : message.zh) : code
}

/**
 * Puts the server's `body.form.<field>` problems next to the generated fields. Returns the
 * messages it could not place (e.g. about `body.form` as a whole), for a toast.
 */
export const applyFormProblems = (form: FormInstance, error: unknown, fieldNames: readonly string[]) => {
  if (!(error instanceof ApiProblem)) return { placed: false, rest: [] as string[] }
  const byField = new Map<string, string[]>()
  const rest: string[] = []
  for (const problem of error.errors) {
    const name = problem.path.startsWith('body.fileIds')
      ? ATTACHMENTS
      : problem.path === 'body.subjectId'
        ? SUBJECT
        : /^body\.form\.([^.]+)/.exec(problem.path)?.[1]
    if (name && fieldNames.includes(name)) byField.set(name, [...(byField.get(name) ?? []), problem.message])
    else rest.push(problem.message)
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })))
  return { placed: byField.size > 0, rest }
}

/** How a stored form value reads: option labels for choices, text otherwise. */
export const displayValue = (
  field: FormField | undefined,
  value: unknown,
  text: (label: { zh: string; en: string }) => string,
): string => {
  if (value === undefined || value === null || value === '') return ''
  if (field?.kind === 'select') {
    const option = field.options.find((candidate) => candidate.value === value)
    return option ? text(option.label) : String(value)
  }
  if (field?.kind === 'multiselect' && Array.isArray(value))
    return value
      .map((item) => {
        const option = field.options.find((candidate) => candidate.value === item)
        return option ? text(option.label) : String(item)
      })
      .join(', ')
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
