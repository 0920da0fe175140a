import { catalogue } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { cleanFileName } from '../../platform/files/files.names.ts'
import { receiveFile } from '../../platform/files/upload-part.ts'
import { isZip } from '../../platform/spreadsheets/read-table.ts'
import { createCatalogueService } from './catalogue.service.ts'
import { createCatalogueImportService, IMPORT_MAX_BYTES } from './catalogue-import.service.ts'

/** Search and holdings; mounted with the JSON routes. */
export const catalogueRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createCatalogueService(ctx)
  const imports = createCatalogueImportService(ctx)
  mount(app, ctx, catalogue.searchCatalogue, ({ caller, query }) => service.search(caller, query))
  mount(app, ctx, catalogue.checkHoldings, ({ caller, query }) => service.holdings(caller, query))
  mount(app, ctx, catalogue.listCatalogueImports, ({ caller, query }) => imports.list(caller, query))
  mount(app, ctx, catalogue.getCatalogueImport, ({ caller, params }) =>
    imports.detail(caller, params.importId),
  )
  mount(app, ctx, catalogue.applyCatalogueImport, ({ caller, request, params }) =>
    imports.apply(caller, request.id, params.importId),
  )
  mount(app, ctx, catalogue.discardCatalogueImport, ({ caller, params }) =>
    imports.discard(caller, params.importId),
  )
}

/** The upload of an export file; mounted where multipart bodies are parsed. */
export const catalogueUploadRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const imports = createCatalogueImportService(ctx)
  mount(app, ctx, catalogue.previewCatalogueImport, async ({ caller, request, reply }) => {
    const { name, bytes } = await receiveFile(request, reply, IMPORT_MAX_BYTES)
    return imports.preview(caller, { name: cleanFileName(name, isZip(bytes) ? 'xlsx' : 'txt'), bytes })
  })
}
