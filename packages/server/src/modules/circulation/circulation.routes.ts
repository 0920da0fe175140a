import { circulationImports, loanRules, loans, pickups, quarantine } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { cleanFileName } from '../../platform/files/files.names.ts'
import { receiveFile } from '../../platform/files/upload-part.ts'
import { isZip } from '../../platform/spreadsheets/read-table.ts'
import { createBorrowRequestsService } from './borrow-requests.service.ts'
import { startHoldExpiry } from './circulation.jobs.ts'
import { createCirculationImportService, IMPORT_MAX_BYTES } from './circulation-import.service.ts'
import { createDeskService } from './desk.service.ts'
import { createFinesService } from './fines.service.ts'
import { createLendingMemo } from './lending-memo.ts'
import { createLoanRulesService } from './loan-rules.service.ts'
import { createLoansService } from './loans.service.ts'
import { createPickupsService } from './pickups.service.ts'
import { createQuarantineService } from './quarantine.service.ts'

/** Loan rules, the desk, loan lists, fines and imports; mounted with the JSON routes. */
export const circulationRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const rules = createLoanRulesService(ctx)
  // One memory of each library's lending side, shared by the desk, the lists and the pickups.
  const lending = createLendingMemo(ctx)
  const desk = createDeskService(ctx, lending)
  const lists = createLoansService(ctx, lending)
  const fines = createFinesService(ctx)
  const imports = createCirculationImportService(ctx)
  const resting = createQuarantineService(ctx)
  const borrowing = createBorrowRequestsService(ctx)
  const pickup = createPickupsService(ctx, lending)
  let stopHoldExpiry = () => {}
  app.addHook('onReady', async () => {
    stopHoldExpiry = startHoldExpiry(ctx, (error) => app.log.warn({ err: error }, 'hold expiry sweep failed'))
  })
  app.addHook('onClose', async () => stopHoldExpiry())
  mount(app, ctx, loanRules.getLoanRules, ({ caller, query }) => rules.get(caller, query.libraryId))
  mount(app, ctx, loanRules.saveLoanRules, ({ caller, request, query, body }) =>
    rules.save(caller, request.id, query.libraryId, body.rules),
  )
  mount(app, ctx, loans.findReaderAtDesk, ({ caller, params }) => desk.reader(caller, params.readerNumber))
  mount(app, ctx, loans.checkOut, ({ caller, request, body }) => desk.checkOut(caller, request.id, body))
  mount(app, ctx, loans.checkIn, ({ caller, request, body }) =>
    desk.checkIn(caller, request.id, body.barcode),
  )
  mount(app, ctx, loans.renewAtDesk, ({ caller, request, body }) =>
    desk.renewAtDesk(caller, request.id, body),
  )
  mount(app, ctx, loans.listLoans, ({ caller, query }) => lists.list(caller, query))
  mount(app, ctx, loans.listMyLoans, ({ caller }) => lists.mine(caller))
  mount(app, ctx, loans.renewMyLoan, ({ caller, request, params, body }) =>
    desk.renewMine(caller, request.id, params.loanId, body.seenDueAt),
  )
  mount(app, ctx, loans.settleFine, ({ caller, request, params, body }) =>
    fines.settle(caller, request.id, params.fineId, body),
  )
  mount(app, ctx, quarantine.getQuarantinePeriods, ({ caller, query }) =>
    resting.periods(caller, query.libraryId),
  )
  mount(app, ctx, quarantine.saveQuarantinePeriods, ({ caller, request, query, body }) =>
    resting.savePeriods(caller, request.id, query.libraryId, body.periods),
  )
  mount(app, ctx, quarantine.listQuarantine, ({ caller, query }) => resting.list(caller, query.show))
  mount(app, ctx, quarantine.releaseDueFromQuarantine, ({ caller, request }) =>
    resting.releaseDue(caller, request.id),
  )
  mount(app, ctx, quarantine.releaseFromQuarantine, ({ caller, request, params }) =>
    resting.release(caller, request.id, params.itemId),
  )
  mount(app, ctx, pickups.requestItems, ({ caller, request, body }) =>
    borrowing.requestMine(caller, request.id, body),
  )
  mount(app, ctx, pickups.listMyBorrowRequests, ({ caller }) => borrowing.mine(caller))
  mount(app, ctx, pickups.requestItemsForReader, ({ caller, request, body }) =>
    borrowing.requestForReader(caller, request.id, body),
  )
  mount(app, ctx, pickups.getPullList, ({ caller }) => borrowing.pullList(caller))
  mount(app, ctx, pickups.markLine, ({ caller, request, params, body }) =>
    borrowing.mark(caller, request.id, params.lineId, body.outcome),
  )
  mount(app, ctx, pickups.listPickupPoints, ({ caller }) => pickup.points(caller))
  mount(app, ctx, pickups.createPickupPoint, ({ caller, request, body }) =>
    pickup.savePoint(caller, request.id, null, body),
  )
  mount(app, ctx, pickups.savePickupPoint, ({ caller, request, params, body }) =>
    pickup.savePoint(caller, request.id, params.pointId, body),
  )
  mount(app, ctx, pickups.listSlots, ({ caller, params }) => pickup.slots(caller, params.pointId))
  mount(app, ctx, pickups.bookPickup, ({ caller, body }) => pickup.book(caller, body))
  mount(app, ctx, pickups.listMyPickups, ({ caller }) => pickup.mine(caller))
  mount(app, ctx, pickups.moveBooking, ({ caller, request, params, body }) =>
    pickup.move(caller, request.id, params.bookingId, body.startsAt),
  )
  mount(app, ctx, pickups.cancelBooking, ({ caller, request, params }) =>
    pickup.cancel(caller, request.id, params.bookingId),
  )
  mount(app, ctx, pickups.getPickupDay, ({ caller, query }) => pickup.day(caller, query))
  mount(app, ctx, pickups.stageBooking, ({ caller, request, params }) =>
    pickup.stage(caller, request.id, params.bookingId),
  )
  mount(app, ctx, pickups.markNoShow, ({ caller, request, params }) =>
    pickup.noShow(caller, request.id, params.bookingId),
  )
  mount(app, ctx, pickups.handOver, ({ caller, request, body }) =>
    pickup.handOver(caller, request.id, body.code),
  )
  mount(app, ctx, circulationImports.listCirculationImports, ({ caller, query }) =>
    imports.list(caller, query),
  )
  mount(app, ctx, circulationImports.getCirculationImport, ({ caller, params }) =>
    imports.detail(caller, params.importId),
  )
  mount(app, ctx, circulationImports.applyCirculationImport, ({ caller, request, params }) =>
    imports.apply(caller, request.id, params.importId),
  )
  mount(app, ctx, circulationImports.discardCirculationImport, ({ caller, params }) =>
    imports.discard(caller, params.importId),
  )
}

/** The upload of an export of loans or fines; mounted where multipart bodies are parsed. */
export const circulationUploadRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const imports = createCirculationImportService(ctx)
  mount(app, ctx, circulationImports.previewCirculationImport, async ({ caller, request, reply }) => {
    const { name, bytes } = await receiveFile(request, reply, IMPORT_MAX_BYTES)
    return imports.preview(caller, { name: cleanFileName(name, isZip(bytes) ? 'xlsx' : 'txt'), bytes })
  })
}
