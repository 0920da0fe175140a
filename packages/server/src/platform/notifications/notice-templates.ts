import type { Language } from '@shuqiao/contracts'

interface Wording {
  subject: string
  body: string
}

/**
 * What a notice says, per language, with `{{placeholders}}` filled from the notice's data.
 * `{{library}}` is always there: the library's name in the notice's language.
 */
export interface NoticeTemplate {
  /** How admins see the event when choosing what a channel receives. */
  label?: { zh: string; en: string }
  zh: Wording
  en: Wording
}

export type NoticeData = Record<string, string | number | boolean | null | undefined>

const EVENT_NAME = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/
const templates = new Map<string, NoticeTemplate>()

/**
 * Declares the wording of one event's notices. Call it at module load, once per event, from the
 * module that owns the event (e.g. `request.status_changed` from the requests module).
 */
export const defineNoticeTemplate = (event: string, template: NoticeTemplate) => {
  if (!EVENT_NAME.test(event) || event.length > 60) throw new Error(`Bad notice event name: ${event}`)
  if (templates.has(event) && templates.get(event) !== template)
    throw new Error(`Notice template for ${event} is defined twice`)
  templates.set(event, template)
  return template
}

export const noticeTemplate = (event: string) => templates.get(event)

export const isNoticeEvent = (event: string) => templates.has(event)

/** Every event with a template, for admins choosing a channel's subscriptions. */
export const noticeEvents = () =>
  [...templates]
    .map(([event, template]) => ({ event, label: template.label ?? { zh: event, en: event } }))
    .sort((a, b) => a.event.localeCompare(b.event))

export const SUBJECT_MAX = 200
export const BODY_MAX = 4000

const fill = (text: string, data: NoticeData) =>
  text.replace(/{{\s*(\w+)\s*}}/g, (_, key: string) => {
    const value = data[key]
    return value === null || value === undefined ? '' : String(value)
  })

/** The subject and body in one language; a subject is one line, whatever the data holds. */
export const renderNotice = (template: NoticeTemplate, language: Language, data: NoticeData) => {
  const wording = language === 'en' ? template.en : template.zh
  return {
    subject: fill(wording.subject, data).replace(/\s+/g, ' ').trim().slice(0, SUBJECT_MAX),
    body: fill(wording.body, data).slice(0, BODY_MAX),
  }
}
