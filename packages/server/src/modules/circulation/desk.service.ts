import type { catalogue, loans } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { findLendingItem } from '../catalogue/item-lending.ts'
import { checkInItem } from './check-in.ts'
import { checkOutItem } from './check-out.ts'
import { type LendingView, presentFine, presentLoan } from './circulation.presenter.ts'
import { findFine, openFinesOfReader } from './fines.repository.ts'
import { deskLibraryOf, itemAtLibrary, readerAtLibrary } from './lending-context.ts'
import type { LendingMemo } from './lending-memo.ts'
import { rulesForReader } from './loan-rules.ts'
import { findLoan, lockLoan, lockOpenLoanOfItem, openLoansOfReader } from './loans.repository.ts'
import type { Reader } from './readers.ts'
import { renewLoan } from './renewal.ts'

/**
 * The circulation desk: a reader looked up by number, check-out, check-in and renewal by
 * barcode, and a reader renewing their own loan. Each change is one transaction, audited.
 */
export const createDeskService = (ctx: AppContext, lending: LendingMemo) => {
  const { db } = ctx

  const presentOne = async (trx: Kysely<DB>, libraryId: string, loanId: string, view?: LendingView) =>
    presentLoan((await findLoan(trx, loanId))!, view ?? (await lending.basisOf(libraryId, ctx.now())))

  const summaryOf = async (
    trx: Kysely<DB>,
    libraryId: string,
    reader: Reader,
    known?: LendingView,
  ): Promise<loans.ReaderAtDesk> => {
    const [view, rows, fines] = await Promise.all([
      known ?? lending.basisOf(libraryId, ctx.now()),
      openLoansOfReader(trx, reader.id),
      openFinesOfReader(trx, libraryId, reader.id),
    ])
    return {
      reader: {
        id: reader.id,
        name: reader.name,
        readerNumber: reader.reader_number,
        type: reader.type,
        status: reader.status,
      },
      loans: rows.filter((row) => row.library_id === libraryId).map((row) => presentLoan(row, view)),
      fines: fines.map(presentFine),
      itemLimit: rulesForReader(view.rules, reader.type).general?.itemLimit ?? null,
      openFinesFen: fines.reduce((sum, fine) => sum + fine.amount_fen, 0),
    }
  }

  const reader = async (caller: Caller, readerNumber: string) => {
    const libraryId = deskLibraryOf(caller)
    return summaryOf(db, libraryId, await readerAtLibrary(db, caller, libraryId, readerNumber))
  }

  // A change at the desk is one transaction holding the reader and the item only for the
  // change itself: what it needs of the library this process mostly knows already, and the
  // answer is read after the commit, on several connections at once.
  const checkOut = async (
    caller: Caller,
    requestId: string,
    input: { readerNumber: string; barcode: string },
  ) => {
    const libraryId = deskLibraryOf(caller)
    // Read before the transaction: on PGlite's one connection it could not be read inside.
    const library = await lending.basisOf(libraryId, ctx.now())
    const { loanId, reader: borrower } = await db
      .transaction()
      .execute((trx) => checkOutItem(ctx, trx, caller, requestId, input, library))
    const reader = await summaryOf(db, libraryId, borrower, library)
    // The new loan is among the reader's open loans just read.
    const loan = reader.loans.find((one) => one.id === loanId) ?? (await presentOne(db, libraryId, loanId))
    return { loan, reader }
  }

  const checkIn = async (caller: Caller, requestId: string, barcode: string) => {
    const libraryId = deskLibraryOf(caller)
    const library = await lending.basisOf(libraryId, ctx.now())
    const done = await db
      .transaction()
      .execute((trx) => checkInItem(ctx, trx, caller, requestId, barcode, library))
    const [item, fine, loan] = await Promise.all([
      findLendingItem(db, done.itemId),
      done.fineId ? findFine(db, done.fineId) : undefined,
      done.loanId ? presentOne(db, libraryId, done.loanId, library) : null,
    ])
    return {
      loan,
      item: {
        id: item.id,
        barcode: item.barcode,
        title: item.title,
        author: item.author,
        callNumber: item.call_number,
        location: item.location,
        materialType: item.material_type as loans.LoanItem['materialType'],
        status: item.status as catalogue.CatalogueItem['status'],
        quarantineUntil: item.quarantine_until?.toISOString() ?? null,
      },
      fine: fine ? presentFine(fine) : null,
    }
  }

  // Renewals, like lending, read the library's side before the transaction and present the
  // loan after the commit.
  const renewAtDesk = async (
    caller: Caller,
    requestId: string,
    input: { barcode: string; seenDueAt?: string },
  ) => {
    const libraryId = deskLibraryOf(caller)
    const library = await lending.basisOf(libraryId, ctx.now())
    const loanId = await db.transaction().execute(async (trx) => {
      const item = await itemAtLibrary(trx, caller, libraryId, input.barcode)
      const open = await lockOpenLoanOfItem(trx, item.id)
      if (!open) throw new ProblemError('not_on_loan')
      const loan = (await lockLoan(trx, open.id))!
      await renewLoan(ctx, trx, caller, requestId, loan, input.seenDueAt, library)
      return open.id
    })
    return presentOne(db, libraryId, loanId, library)
  }

  // A reader's loans are all at their own library (the desk lends only to its own readers).
  const renewMine = async (
    caller: Caller,
    requestId: string,
    loanId: string,
    seenDueAt: string | undefined,
  ) => {
    if (!caller.libraryId) throw new ProblemError('not_found')
    const libraryId = caller.libraryId
    const library = await lending.basisOf(libraryId, ctx.now())
    await db.transaction().execute(async (trx) => {
      const loan = await lockLoan(trx, loanId)
      if (!loan || loan.reader_id !== caller.accountId || loan.library_id !== libraryId) {
        throw new ProblemError('not_found')
      }
      await renewLoan(ctx, trx, caller, requestId, loan, seenDueAt, library)
    })
    return presentOne(db, libraryId, loanId, library)
  }

  return { reader, checkOut, checkIn, renewAtDesk, renewMine }
}
