import type { BodyInputOf, guides, ResponseOf } from '@shuqiao/contracts'
import { type FieldName, formFieldOf } from './e-resources-logic.ts'

type GuideDetail = ResponseOf<typeof guides.getGuide>
type GuideInput = BodyInputOf<typeof guides.createGuide>

/** One resource of a guide as the form edits it: which one, and the librarian's note on it. */
export interface GuideItemFormValue {
  resourceId: string
  noteZh?: string | null | undefined
  noteEn?: string | null | undefined
}

/** Everything the guide form holds. */
export interface GuideFormValues {
  titleZh: string
  titleEn?: string | null | undefined
  descriptionZh?: string | null | undefined
  descriptionEn?: string | null | undefined
  discipline?: string | null | undefined
  items?: GuideItemFormValue[] | undefined
}

const text = (value: string | null | undefined) => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** What the form holds, as the body of POST/PUT /api/guides: blanks become null, order is kept. */
export const guideInputOf = (values: GuideFormValues): GuideInput => ({
  titleZh: values.titleZh.trim(),
  titleEn: text(values.titleEn),
  descriptionZh: text(values.descriptionZh),
  descriptionEn: text(values.descriptionEn),
  discipline: (values.discipline ?? null) as GuideInput['discipline'],
  items: (values.items ?? []).map((item) => ({
    resourceId: item.resourceId,
    noteZh: text(item.noteZh),
    noteEn: text(item.noteEn),
  })),
})

/** A saved guide as the form's starting values. */
export const guideFormValuesOf = (detail: GuideDetail): GuideFormValues => ({
  titleZh: detail.titleZh,
  titleEn: detail.titleEn,
  descriptionZh: detail.descriptionZh,
  descriptionEn: detail.descriptionEn,
  discipline: detail.discipline,
  items: detail.items.map((item) => ({
    resourceId: item.resource.id,
    noteZh: item.noteZh,
    noteEn: item.noteEn,
  })),
})

/** The guide's short public address, as printed on posters: `<origin>/g/<code>`. */
export const shortAddress = (origin: string, code: string) =>
  `${origin.replace(/\/+$/, '')}/g/${encodeURIComponent(code)}`

const TOP_FIELDS = new Set(['titleZh', 'titleEn', 'descriptionZh', 'descriptionEn', 'discipline', 'items'])
const ITEM_FIELDS = new Set(['resourceId', 'noteZh', 'noteEn'])

/**
 * The guide form's field a problem path names: `body.items.1.resourceId` is
 * ['items', 1, 'resourceId'] while the form has a second item; `body.items` (a resource twice) is
 * ['items']. Undefined for problems with no field.
 */
export const guideFieldOf = (path: string, itemCount: number): FieldName | undefined =>
  formFieldOf(path, (name) =>
    name.length === 1
      ? TOP_FIELDS.has(String(name[0]))
      : name.length === 3 &&
        name[0] === 'items' &&
        typeof name[1] === 'number' &&
        name[1] < itemCount &&
        ITEM_FIELDS.has(String(name[2])),
  )
