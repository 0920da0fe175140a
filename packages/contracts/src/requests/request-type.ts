import { z } from 'zod'
import { isbn13Of } from '../common/isbn.ts'
import { nameText, noteText } from '../common/text.ts'

export interface Bilingual {
  zh: string
  en: string
}

/** One field of a request form, rendered by the web app and validated on both ends. */
export type FormField = {
  name: string
  label: Bilingual
  help?: Bilingual
  required: boolean
} & (
  | { kind: 'text'; max: number }
  | { kind: 'textarea'; max: number }
  | { kind: 'select'; options: { value: string; label: Bilingual }[] }
  | { kind: 'multiselect'; options: { value: string; label: Bilingual }[] }
  | { kind: 'date' }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'isbn' }
  | { kind: 'doi' }
)

/** Who may move a request along a transition. */
export type Actor = 'reader' | 'staff'

export interface Transition {
  /** Stable action name, e.g. `accept`, `deliver`, `cancel`. */
  action: string
  from: readonly string[]
  to: string
  by: Actor
  label: Bilingual
  /** The note is shown to the reader and is required (e.g. a rejection reason). */
  needsReason?: boolean
  /** A result file (report, certificate, delivered article) must be attached. */
  needsFile?: boolean
  /**
   * The reader may send the whole form again, corrected, with this step (resubmitting a request
   * returned for revision). It is checked as on submit; what changed is kept on the step's event.
   */
  correctsForm?: boolean
}

export interface RequestType {
  /** Stable code, e.g. `document_delivery`. */
  code: string
  /** Prefix of human-facing numbers, e.g. DD → DD-2026-000123. */
  prefix: string
  name: Bilingual
  description: Bilingual
  fields: readonly FormField[]
  statuses: Record<string, { label: Bilingual; final?: boolean }>
  initial: string
  transitions: readonly Transition[]
  /** Working days (in the library's calendar) from submission to a final status. */
  targetWorkingDays: number
  /**
   * Who picks up new requests: the subject librarian of the reader's department (the least busy
   * when several serve it), else the type's team; the type's team in turn (round-robin); or staff
   * by hand. A request nobody could be found for waits unassigned in the queue.
   */
  assignment: 'subject_librarian' | 'team' | 'manual'
  attachments: { allowed: boolean; maxFiles: number }
  /** Fee per request in fen (分), which a library may waive for a period. 0 = always free. */
  feeFen: number
  /**
   * A confirmation the reader can show others once the request reaches `status` (离校确认单),
   * with a code anyone can check at /verify/<code>. Its `fields` are the form values printed on it.
   */
  confirmation?: { status: string; name: Bilingual; fields: readonly string[] }
}

export const defineRequestType = <const T extends RequestType>(type: T): T => type

const DOI = /^10\.\d{4,9}\/\S{1,200}$/

/** The zod schema of a type's form, built from its fields so web and server agree. */
export const formSchema = (type: RequestType) => {
  const shape: Record<string, z.ZodType> = {}
  for (const field of type.fields) {
    let schema: z.ZodType
    switch (field.kind) {
      case 'text':
        schema = nameText(field.max)
        break
      case 'textarea':
        schema = noteText(field.max).refine((value) => value.trim().length > 0, { message: 'too_small' })
        break
      case 'select':
        schema = z.enum(field.options.map((option) => option.value) as [string, ...string[]])
        break
      case 'multiselect':
        schema = z
          .array(z.enum(field.options.map((option) => option.value) as [string, ...string[]]))
          .min(field.required ? 1 : 0)
          .max(field.options.length)
        break
      case 'date':
        schema = z.iso.date()
        break
      case 'number':
        schema = z.number().int().min(field.min).max(field.max)
        break
      case 'isbn':
        schema = z.string().transform((value, context) => {
          const isbn = isbn13Of(value)
          if (!isbn) context.addIssue({ code: 'custom', message: 'invalid_format' })
          return isbn ?? value
        })
        break
      case 'doi':
        schema = z
          .string()
          .trim()
          .transform((value) => value.replace(/^https?:\/\/(dx\.)?doi\.org\//i, ''))
          .pipe(z.string().regex(DOI, { message: 'invalid_format' }))
        break
    }
    shape[field.name] = field.required ? schema : schema.optional()
  }
  return z.strictObject(shape)
}
