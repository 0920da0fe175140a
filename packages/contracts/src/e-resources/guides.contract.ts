import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText } from '../common/text.ts'
import { DisciplineCode } from './disciplines.ts'
import { ResourceSummary } from './e-resources.contract.ts'

export const GuideInput = z
  .object({
    titleZh: nameText(120),
    titleEn: nameText(200).nullable().default(null),
    descriptionZh: noteText(2000).nullable().default(null),
    descriptionEn: noteText(2000).nullable().default(null),
    /** A code of the library's discipline list (学科列表), or none for a topic guide. */
    discipline: DisciplineCode.nullable().default(null),
    /** The resources in the order readers see them, each with the librarian's note. */
    items: z
      .array(
        z.object({
          resourceId: IdSchema,
          noteZh: noteText(500).nullable().default(null),
          noteEn: noteText(500).nullable().default(null),
        }),
      )
      .max(200),
  })
  .refine((value) => new Set(value.items.map((item) => item.resourceId)).size === value.items.length, {
    message: 'duplicate_resource',
    path: ['items'],
  })

export const GuideSummary = z.object({
  id: IdSchema,
  /** The short public address is /g/<code>. */
  code: z.string(),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  discipline: z.string().nullable(),
  status: z.enum(['draft', 'published']),
  resources: z.number().int(),
  visits: z.number().int(),
  updatedAt: z.string(),
})

export const GuideDetail = GuideSummary.extend({
  libraryId: IdSchema,
  descriptionZh: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  /** In the guide's order; readers get only what they may open. */
  items: z.array(
    z.object({ resource: ResourceSummary, noteZh: z.string().nullable(), noteEn: z.string().nullable() }),
  ),
})

const GuideParams = z.object({ guideId: IdSchema })

export const listGuides = defineRoute({
  method: 'GET',
  path: '/api/guides',
  tag: 'e-resources',
  summary: 'A library’s resource guides (学科导航): published ones for readers, all for its staff',
  access: 'public',
  query: z.object({
    library: z.string().trim().max(40).optional(),
    discipline: DisciplineCode.optional(),
  }),
  response: z.object({ items: z.array(GuideSummary) }),
})

export const getGuide = defineRoute({
  method: 'GET',
  path: '/api/guides/by-code/:code',
  tag: 'e-resources',
  summary:
    'One guide by its short code, with its resources in order; optionally only those reachable without the VPN',
  access: 'public',
  params: z.object({ code: z.string().regex(/^[0-9a-z]{4,12}$/) }),
  query: z.object({ withoutVpn: z.enum(['true', 'false']).optional() }),
  response: GuideDetail,
})

export const createGuide = defineRoute({
  method: 'POST',
  path: '/api/guides',
  tag: 'e-resources',
  summary: 'Start a guide, as a draft',
  access: STAFF_ROLES,
  body: GuideInput,
  response: GuideDetail,
  status: 201,
})

export const updateGuide = defineRoute({
  method: 'PUT',
  path: '/api/guides/:guideId',
  tag: 'e-resources',
  summary: 'Change a guide: its titles, notes and resources in order',
  access: STAFF_ROLES,
  params: GuideParams,
  body: GuideInput,
  response: GuideDetail,
})

export const publishGuide = defineRoute({
  method: 'POST',
  path: '/api/guides/:guideId/status',
  tag: 'e-resources',
  summary: 'Publish a guide or take it back to draft',
  access: STAFF_ROLES,
  params: GuideParams,
  body: z.object({ status: z.enum(['draft', 'published']) }),
  response: GuideDetail,
})
