import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { nameText } from '../common/text.ts'
import { DisciplineCode, MAX_DISCIPLINES } from './disciplines.ts'

/** One discipline of a library's list (学科列表), with its names in both languages. */
export const Discipline = z.object({ code: DisciplineCode, zh: nameText(60), en: nameText(120) })
export type Discipline = z.infer<typeof Discipline>

export const DisciplineList = z.object({
  /** In the library's order. */
  items: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  /** Whether the library keeps its own list; false means the national categories (学科门类). */
  custom: z.boolean(),
})
export type DisciplineList = z.infer<typeof DisciplineList>

/**
 * A whole list, in order. Codes are unique regardless of case (imports match them so), and so
 * are Chinese names (imports match those too). An empty list means the national categories.
 */
export const DisciplineListInput = z
  .object({ items: z.array(Discipline).max(MAX_DISCIPLINES) })
  .superRefine((value, context) => {
    const codes = new Set<string>()
    const names = new Set<string>()
    value.items.forEach((item, index) => {
      const code = item.code.toLowerCase()
      if (codes.has(code))
        context.addIssue({ code: 'custom', message: 'duplicate_discipline', path: ['items', index, 'code'] })
      if (names.has(item.zh))
        context.addIssue({
          code: 'custom',
          message: 'duplicate_discipline_name',
          path: ['items', index, 'zh'],
        })
      codes.add(code)
      names.add(item.zh)
    })
  })
export type DisciplineListInput = z.input<typeof DisciplineListInput>

export const getDisciplines = defineRoute({
  method: 'GET',
  path: '/api/disciplines',
  tag: 'e-resources',
  summary:
    'A library’s discipline list (学科列表) that resources and guides are filed under: its own, or the national categories',
  access: 'public',
  query: z.object({
    /** The library whose list to show; a signed-in caller's own by default. */
    library: z.string().trim().max(40).optional(),
  }),
  response: DisciplineList,
})

export const putDisciplines = defineRoute({
  method: 'PUT',
  path: '/api/disciplines',
  tag: 'e-resources',
  summary:
    'Replace my library’s discipline list, in order (an empty list goes back to the national categories); codes still used by resources or guides cannot be removed',
  access: ['library_admin'],
  body: DisciplineListInput,
  response: DisciplineList,
})
