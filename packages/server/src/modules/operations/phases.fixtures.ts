import type { phases } from '@shuqiao/contracts'
import { expect } from 'vitest'
import type { TestApp } from '../../test/test-app.ts'

/**
 * Switches a library to the phase of that name as its admin, as 服务阶段 does. Tests of a
 * service's own rules start from 正常开放: the demo libraries are in 有限开放, whose measures
 * (free document delivery, pickup) would decide for them.
 */
export const switchPhase = async (t: TestApp, libraryCode: string, nameZh: string) => {
  const cookie = await t.as('library_admin', libraryCode)
  const book = (
    await t.request({ method: 'GET', url: '/api/operations/phases', cookie })
  ).json() as phases.PhaseBook
  const to = book.phases.find((phase) => phase.nameZh === nameZh)!
  if (book.currentPhaseId === to.id) return
  const switched = await t.request({
    method: 'POST',
    url: '/api/operations/phase-switches',
    cookie,
    payload: { toPhaseId: to.id, fromPhaseId: book.currentPhaseId },
  })
  expect(switched.statusCode, switched.body).toBe(201)
}
