import { expect } from 'vitest'
import { formData } from '../../platform/files/files.fixtures.ts'
import type { TestApp } from '../../test/test-app.ts'

/** Adds items to a library's catalogue through its import, as a librarian would. */
export const addItems = async (t: TestApp, libraryCode: string, csv: string) => {
  const cookie = await t.as('librarian', libraryCode)
  const preview = await t.request({
    method: 'POST',
    url: '/api/catalogue/imports',
    cookie,
    ...(await formData(Buffer.from(csv), 'items.csv', 'text/csv')),
  })
  expect(preview.statusCode, preview.body).toBe(201)
  const applied = await t.request({
    method: 'POST',
    url: `/api/catalogue/imports/${preview.json().id}/apply`,
    cookie,
  })
  expect(applied.statusCode, applied.body).toBe(200)
}

/** Adds a reader account to a library, as its admin would; returns its id. */
export const addReader = async (
  t: TestApp,
  libraryCode: string,
  reader: { readerNumber: string; name: string; type: 'student' | 'teacher' | 'staff' },
) => {
  const response = await t.request({
    method: 'POST',
    url: '/api/accounts',
    cookie: await t.as('library_admin', libraryCode),
    payload: { ...reader, password: 'reader-password-1' },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

/**
 * Stops the app's clock at a moment (given with its offset, e.g. 2027-01-17T10:00:00+08:00),
 * as the desk and the reader see it; sessions keep the real time.
 */
export const setClock = (t: TestApp, at: string) => {
  const fixed = new Date(at)
  t.ctx.now = () => fixed
}

export const resetClock = (t: TestApp) => {
  t.ctx.now = () => new Date()
}

/** A desk at a library: check-out, check-in and renewal by barcode, as its librarian. */
export const deskOf = (t: TestApp, libraryCode = 'sjtu') => {
  const post = async (url: string, payload: object) =>
    t.request({ method: 'POST', url, cookie: await t.as('librarian', libraryCode), payload })
  return {
    checkOut: (readerNumber: string, barcode: string) =>
      post('/api/circulation/check-outs', { readerNumber, barcode }),
    checkIn: (barcode: string) => post('/api/circulation/check-ins', { barcode }),
    renew: (barcode: string, seenDueAt?: string) =>
      post('/api/circulation/renewals', { barcode, ...(seenDueAt ? { seenDueAt } : {}) }),
  }
}

/**
 * Sends returned items straight back on the shelf, as the library admin sets it: for tests of
 * lending that are not about quarantine (quarantine.test.ts covers it).
 */
export const withoutQuarantine = async (t: TestApp) => {
  const off = await t.request({
    method: 'PUT',
    url: '/api/circulation/quarantine-periods',
    cookie: await t.as('library_admin'),
    payload: { periods: [] },
  })
  expect(off.statusCode, off.body).toBe(200)
}

/** Replaces a library's loan rules as its admin. */
export const saveRules = async (t: TestApp, libraryCode: string, rules: object[]) =>
  t.request({
    method: 'PUT',
    url: '/api/circulation/loan-rules',
    cookie: await t.as('library_admin', libraryCode),
    payload: { rules },
  })
