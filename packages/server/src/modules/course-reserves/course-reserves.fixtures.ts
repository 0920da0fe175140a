import { expect } from 'vitest'
import { formData } from '../../platform/files/files.fixtures.ts'
import type { TestApp } from '../../test/test-app.ts'

// Test-only: uploading a list and importing it, as the staff console does.

/** Uploads a file to POST /api/files and returns its id. */
export const uploadList = async (
  t: TestApp,
  cookie: string,
  content: Buffer | string,
  name = 'courses.csv',
) => {
  const body = await formData(Buffer.isBuffer(content) ? content : Buffer.from(content), name)
  const response = await t.request({ method: 'POST', url: '/api/files', cookie, ...body })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

/** A CSV as Excel saves it on Windows: a BOM, CRLF line ends. */
export const csv = (lines: readonly string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')

/** The library's current term id, as staff list it. */
export const currentTermId = async (t: TestApp, cookie: string) => {
  const terms = (await t.request({ method: 'GET', url: '/api/course-reserves/terms', cookie })).json()
  return (terms.items as { id: string; current: boolean }[]).find((term) => term.current)!.id
}

/** Uploads `content` and imports it into `termId` (a dry run unless `apply`). */
export const importList = async (
  t: TestApp,
  cookie: string,
  termId: string,
  content: Buffer | string,
  options: { apply?: boolean; mapping?: Record<string, string | null>; name?: string } = {},
) => {
  const fileId = await uploadList(t, cookie, content, options.name)
  return t.request({
    method: 'POST',
    url: '/api/course-reserves/imports',
    cookie,
    payload: {
      termId,
      fileId,
      dryRun: !options.apply,
      ...(options.mapping ? { mapping: options.mapping } : {}),
    },
  })
}

/** A new, empty term of the caller's library. */
export const newTerm = async (t: TestApp, cookie: string, code: string) => {
  const response = await t.request({
    method: 'POST',
    url: '/api/course-reserves/terms',
    cookie,
    payload: {
      code,
      nameZh: `${code} 学期`,
      nameEn: `Term ${code}`,
      startsOn: '2025-09-01',
      endsOn: '2026-01-31',
    },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

/** Uploads a KBART file or title list and imports it into a platform (a dry run unless `apply`). */
export const importHoldings = async (
  t: TestApp,
  cookie: string,
  content: Buffer | string,
  options: {
    apply?: boolean
    platformName?: string
    platformId?: string
    openAccess?: boolean
    name?: string
  } = {},
) => {
  const fileId = await uploadList(t, cookie, content, options.name ?? 'kbart.txt')
  return t.request({
    method: 'POST',
    url: '/api/course-reserves/e-holdings/imports',
    cookie,
    payload: {
      fileId,
      dryRun: !options.apply,
      ...(options.platformId
        ? { platformId: options.platformId }
        : { platformName: options.platformName ?? '示例电子书平台' }),
      ...(options.openAccess !== undefined ? { openAccess: options.openAccess } : {}),
    },
  })
}

/** The id of a course of the library (sjtu unless told), found by its code as staff search it. */
export const courseIdOf = async (t: TestApp, code: string, libraryCode = 'sjtu') => {
  const list = await t.request({
    method: 'GET',
    url: `/api/course-reserves/courses?q=${code}`,
    cookie: await t.as('librarian', libraryCode),
  })
  return (list.json().items as { id: string; code: string }[]).find((course) => course.code === code)!.id
}

/** Adds a title to a course of sjtu as its librarian, with a publisher when given; answers its id. */
export const addTitle = async (t: TestApp, code: string, title: string, publisher?: string) => {
  const response = await t.request({
    method: 'POST',
    url: `/api/course-reserves/courses/${await courseIdOf(t, code)}/titles`,
    cookie: await t.as('librarian'),
    payload: { title, ...(publisher ? { publisher } : {}) },
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().title.id as string
}
