import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { saveRules } from './circulation.fixtures.ts'
import { DEFAULT_LOAN_RULES } from './loan-rules.ts'

const t = useTestApp()

const general = (readerType: string, overrides: object = {}) => ({
  readerType,
  materialType: null,
  loanDays: 30,
  itemLimit: 10,
  renewalLimit: 1,
  renewalDays: 30,
  renewOverdue: false,
  finePerDayFen: 10,
  ...overrides,
})

describe('loan rules', () => {
  it('start as the default set in the demo, for staff to read', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/api/circulation/loan-rules',
      cookie: await t.as('subject_librarian'),
    })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.rules).toHaveLength(DEFAULT_LOAN_RULES.length)
    expect(body.rules[0]).toEqual(DEFAULT_LOAN_RULES[0])
    expect(
      body.rules.map((rule: { readerType: string; materialType: string | null }) => rule.readerType),
    ).toEqual(['student', 'student', 'teacher', 'staff'])
    expect(body.updatedBy.name).toBe('陈静')
  })

  it('are replaced as a whole by a library admin, audited with before and after', async () => {
    const rules = [
      general('teacher', { loanDays: 120, itemLimit: 60 }),
      general('student'),
      general('staff'),
      general('student', { materialType: 'thesis', loanDays: 7, itemLimit: 2, renewalLimit: 0 }),
    ]
    const response = await saveRules(t, 'fudan', rules)
    expect(response.statusCode, response.body).toBe(200)
    const saved = response.json()
    expect(
      saved.rules.map((rule: { readerType: string; materialType: string | null }) => rule.materialType),
    ).toEqual([null, 'thesis', null, null])
    expect(saved.updatedBy.name).toBe('周婷')
    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=circulation.loan_rules.save',
      cookie: await t.as('library_admin', 'fudan'),
    })
    const event = audit.json().items[0]
    expect(event.entityLabel).toBe('复旦大学图书馆')
    expect(JSON.stringify(event.after)).toContain('"loanDays":120')
    expect(JSON.stringify(event.before)).toContain('"loanDays":90')
    // Other libraries keep theirs.
    const sjtu = await t.request({
      method: 'GET',
      url: '/api/circulation/loan-rules',
      cookie: await t.as('librarian'),
    })
    expect(
      sjtu.json().rules.find((rule: { readerType: string }) => rule.readerType === 'teacher').loanDays,
    ).toBe(90)
  })

  it('need a general rule per reader type and no rule twice', async () => {
    const missing = await saveRules(t, 'fudan', [general('student'), general('staff')])
    expect(missing.statusCode).toBe(400)
    expect(missing.json().errors[0]).toMatchObject({ code: 'general_rule_missing' })
    const twice = await saveRules(t, 'fudan', [
      general('student'),
      general('teacher'),
      general('staff'),
      general('staff', { loanDays: 10 }),
    ])
    expect(twice.statusCode).toBe(400)
    expect(twice.json().errors[0]).toMatchObject({
      path: 'body.rules.3.materialType',
      code: 'duplicate_rule',
    })
    const negative = await saveRules(t, 'fudan', [
      general('student', { finePerDayFen: -1 }),
      general('teacher'),
      general('staff'),
    ])
    expect(negative.statusCode).toBe(400)
  })

  it('are changed only by admins, each in their own library', async () => {
    const librarian = await t.request({
      method: 'PUT',
      url: '/api/circulation/loan-rules',
      cookie: await t.as('librarian', 'fudan'),
      payload: { rules: DEFAULT_LOAN_RULES },
    })
    expect(librarian.statusCode).toBe(403)
    const sjtuId = t.world.libraries.find((library) => library.code === 'sjtu')!.id
    const foreign = await t.request({
      method: 'PUT',
      url: `/api/circulation/loan-rules?libraryId=${sjtuId}`,
      cookie: await t.as('library_admin', 'fudan'),
      payload: { rules: DEFAULT_LOAN_RULES },
    })
    expect(foreign.statusCode).toBe(404)
    const consortium = await t.request({
      method: 'GET',
      url: `/api/circulation/loan-rules?libraryId=${sjtuId}`,
      cookie: await t.as('consortium_admin'),
    })
    expect(consortium.json().libraryId).toBe(sjtuId)
  })
})
