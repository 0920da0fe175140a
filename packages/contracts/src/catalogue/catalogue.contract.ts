import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'

/** Kinds of item, as library systems name them in their exports. */
export const MATERIAL_TYPES = ['book', 'ebook', 'journal', 'thesis', 'audiovisual', 'other'] as const
export const MaterialType = z.enum(MATERIAL_TYPES)

/** Where an item is in its life; only `available` items can be lent now. */
export const ITEM_STATUSES = [
  'available',
  'on_loan',
  'quarantined',
  'on_hold',
  'in_transit',
  'processing',
  'missing',
  'withdrawn',
] as const
export const ItemStatus = z.enum(ITEM_STATUSES)

export const CatalogueItem = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  barcode: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  publisher: z.string().nullable(),
  year: z.number().int().nullable(),
  isbn: z.string().nullable(),
  callNumber: z.string().nullable(),
  location: z.string().nullable(),
  materialType: MaterialType,
  status: ItemStatus,
})
export type CatalogueItem = z.infer<typeof CatalogueItem>

const searchText = z.string().trim().max(100)

export const searchCatalogue = defineRoute({
  method: 'GET',
  path: '/api/catalogue/items',
  tag: 'catalogue',
  summary: 'Search my library’s items by title, author, ISBN, barcode or call number',
  access: 'signed_in',
  query: PageQuery.extend({
    q: searchText.optional(),
    status: ItemStatus.optional(),
    materialType: MaterialType.optional(),
    location: z.string().trim().max(100).optional(),
    /** Consortium admins choose the library; everyone else searches their own. */
    libraryId: IdSchema.optional(),
  }),
  /** `locations`: the library's shelf locations, on the first page only (empty on later ones). */
  response: page(CatalogueItem).extend({ locations: z.array(z.string()) }),
})

/** One book the library already has, with its copies summed up. */
export const Holding = z.object({
  isbn: z.string().nullable(),
  title: z.string(),
  author: z.string().nullable(),
  publisher: z.string().nullable(),
  year: z.number().int().nullable(),
  materialType: MaterialType,
  copies: z.number().int(),
  available: z.number().int(),
  shelves: z.array(z.object({ location: z.string().nullable(), callNumber: z.string().nullable() })),
})
export type Holding = z.infer<typeof Holding>

export const checkHoldings = defineRoute({
  method: 'GET',
  path: '/api/catalogue/holdings',
  tag: 'catalogue',
  summary: 'Whether my library already has a book: by ISBN when one is given, otherwise by title',
  access: 'signed_in',
  query: z.object({
    isbn: z.string().trim().max(40).optional(),
    title: searchText.optional(),
    author: searchText.optional(),
    libraryId: IdSchema.optional(),
  }),
  response: z.object({
    /** How the holdings were found: the ISBN, a similar title, or not at all. */
    matchedBy: z.enum(['isbn', 'title']).nullable(),
    holdings: z.array(Holding),
  }),
})

const Bilingual = z.object({ zh: z.string(), en: z.string() })

export const ImportProblem = z.object({
  /** The line in the file (the header is line 1), or the row number in the sheet. */
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  /** An error leaves the row out; a warning keeps it without the faulty value. */
  severity: z.enum(['error', 'warning']),
  message: Bilingual,
})
export type ImportProblem = z.infer<typeof ImportProblem>

export const CatalogueImport = z.object({
  id: IdSchema,
  fileName: z.string(),
  status: z.enum(['previewed', 'applied', 'discarded']),
  rowsTotal: z.number().int(),
  rowsValid: z.number().int(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.object({ id: IdSchema, name: z.string() }),
  appliedAt: z.string().nullable(),
  added: z.number().int().nullable(),
  updated: z.number().int().nullable(),
})
export type CatalogueImport = z.infer<typeof CatalogueImport>

export const CatalogueImportDetail = CatalogueImport.extend({
  /** Which header of the file feeds which field. */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  /** The first problems, in line order (all of them up to 1,000). */
  problems: z.array(ImportProblem),
  /** The first valid rows as they will be stored. */
  sample: z.array(CatalogueItem.omit({ id: true, libraryId: true })),
})
export type CatalogueImportDetail = z.infer<typeof CatalogueImportDetail>

const ImportParams = z.object({ importId: IdSchema })
const IMPORT_ROLES = ['librarian', 'library_admin'] as const

export const previewCatalogueImport = defineRoute({
  method: 'POST',
  path: '/api/catalogue/imports',
  tag: 'catalogue',
  summary:
    'Upload a CSV or Excel export of the library system (multipart/form-data); nothing is stored in the catalogue until the preview is applied',
  access: IMPORT_ROLES,
  response: CatalogueImportDetail,
  status: 201,
})

export const listCatalogueImports = defineRoute({
  method: 'GET',
  path: '/api/catalogue/imports',
  tag: 'catalogue',
  summary: 'Earlier catalogue imports of my library, newest first',
  access: IMPORT_ROLES,
  query: PageQuery,
  response: page(CatalogueImport),
})

export const getCatalogueImport = defineRoute({
  method: 'GET',
  path: '/api/catalogue/imports/:importId',
  tag: 'catalogue',
  summary: 'One import with its column mapping, problems by line and sample rows',
  access: IMPORT_ROLES,
  params: ImportParams,
  response: CatalogueImportDetail,
})

export const applyCatalogueImport = defineRoute({
  method: 'POST',
  path: '/api/catalogue/imports/:importId/apply',
  tag: 'catalogue',
  summary: 'Store every valid row of a previewed import at once: new barcodes added, known ones updated',
  access: IMPORT_ROLES,
  params: ImportParams,
  response: CatalogueImportDetail,
})

export const discardCatalogueImport = defineRoute({
  method: 'POST',
  path: '/api/catalogue/imports/:importId/discard',
  tag: 'catalogue',
  summary: 'Drop a previewed import without storing anything',
  access: IMPORT_ROLES,
  params: ImportParams,
  response: CatalogueImportDetail,
})
