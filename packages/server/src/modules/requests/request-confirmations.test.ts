import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const step = (cookie: string, id: string, action: string) =>
  t.request({ method: 'POST', url: `/api/requests/${id}/transitions`, cookie, payload: { action } })

describe('thesis confirmation for leaving procedures', () => {
  it('is issued on approval with a code anyone can check, showing a masked name', async () => {
    const reader = await t.as('reader', 'fudan')
    const librarian = await t.as('librarian', 'fudan')
    const created = (
      await t.request({
        method: 'POST',
        url: '/api/requests',
        cookie: reader,
        payload: {
          type: 'thesis_submission',
          form: { degree: 'doctor', title: '高校图书馆闭馆期间的远程服务', supervisor: '陈教授' },
        },
      })
    ).json()
    expect(created.confirmation).toBeNull()
    await step(librarian, created.id, 'review')
    const approved = (await step(librarian, created.id, 'approve')).json()
    expect(approved.status).toBe('approved')
    const code: string = approved.confirmation.code
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/)

    const mine = (
      await t.request({ method: 'GET', url: `/api/requests/${created.id}`, cookie: reader })
    ).json()
    expect(mine.confirmation).toEqual(approved.confirmation)

    // A clerk at the graduate office, not signed in, types it in lower case without dashes.
    const typed = code.replaceAll('-', '').toLowerCase()
    const verified = await t.request({ method: 'GET', url: `/api/confirmations/${typed}` })
    expect(verified.statusCode).toBe(200)
    expect(verified.json()).toMatchObject({
      valid: true,
      code,
      number: created.number,
      readerName: '刘*',
      readerNumber: '2020*01',
      library: { nameZh: '复旦大学图书馆' },
      name: { zh: '学位论文提交确认单' },
    })
    expect(verified.json().values).toEqual([
      { label: { zh: '学位', en: 'Degree' }, value: { zh: '博士', en: 'Doctor' } },
      {
        label: { zh: '论文题目', en: 'Thesis title' },
        value: expect.objectContaining({ zh: '高校图书馆闭馆期间的远程服务' }),
      },
      { label: { zh: '导师', en: 'Supervisor' }, value: expect.objectContaining({ zh: '陈教授' }) },
    ])
  })

  it('answers 404 for codes that were never issued, and is issued for no other type', async () => {
    expect((await t.request({ method: 'GET', url: '/api/confirmations/0000-0000-00' })).statusCode).toBe(404)
    const nonsense = await t.request({ method: 'GET', url: '/api/confirmations/%3Cscript%3E' })
    expect(nonsense.statusCode).toBe(404)
    expect(nonsense.headers['content-type']).toContain('application/problem+json')
    const reader = await t.as('reader', 'fudan')
    const suggestion = (
      await t.request({
        method: 'POST',
        url: '/api/requests',
        cookie: reader,
        payload: { type: 'purchase_suggestion', form: { title: '图书馆学导论' } },
      })
    ).json()
    expect(suggestion.confirmation).toBeNull()
  })
})
