import { requestTypeOf } from '@shuqiao/contracts'
import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import { checkField, displayValue, formBody, formValuesOf } from './form-values.ts'
import { statusColour } from './request-types.ts'

const type = (code: string) => {
  const found = requestTypeOf(code)
  if (!found) throw new Error(code)
  return found
}
const field = (code: string, name: string) => {
  const found = type(code).fields.find((candidate) => candidate.name === name)
  if (!found) throw new Error(name)
  return found
}

describe('request form values', () => {
  const loan = type('interlibrary_loan')
  const delivery = type('document_delivery')

  it('checks values with the contract’s own schema', () => {
    expect(checkField(loan, field('interlibrary_loan', 'title'), '   ')).toEqual({ key: 'required' })
    expect(checkField(loan, field('interlibrary_loan', 'title'), 'x'.repeat(301))).toEqual({
      key: 'max',
      max: 300,
    })
    expect(checkField(loan, field('interlibrary_loan', 'title'), 'a <b>')).toEqual({ key: 'unsafe' })
    expect(checkField(loan, field('interlibrary_loan', 'isbn'), '978-7-111-21382-6')).toBeUndefined()
    expect(checkField(loan, field('interlibrary_loan', 'isbn'), '978-7-111-21382-7')).toEqual({ key: 'isbn' })
    expect(checkField(loan, field('interlibrary_loan', 'isbn'), '12345')).toEqual({ key: 'isbn' })
    expect(checkField(loan, field('interlibrary_loan', 'isbn'), '')).toBeUndefined()
    expect(
      checkField(delivery, field('document_delivery', 'doi'), 'https://doi.org/10.1038/nature12373'),
    ).toBeUndefined()
    expect(checkField(delivery, field('document_delivery', 'doi'), 'nature12373')).toEqual({ key: 'doi' })
    expect(checkField(delivery, field('document_delivery', 'neededBy'), dayjs('2026-12-01'))).toBeUndefined()
  })

  it('sends only filled-in fields, dates as YYYY-MM-DD and text trimmed', () => {
    expect(
      formBody(delivery, { citation: 'Smith 2020\n', doi: '  ', neededBy: dayjs('2026-12-01') }),
    ).toEqual({ citation: 'Smith 2020\n', neededBy: '2026-12-01' })
    expect(formBody(loan, { title: '  三体 ', pickup: 'desk', author: undefined })).toEqual({
      title: '三体',
      pickup: 'desk',
    })
  })

  it('prefills a correction with the stored values, which send back unchanged', () => {
    const novelty = type('novelty_search')
    const stored = {
      projectTitle: '古籍版本识别',
      keywords: '古籍;版本',
      innovationPoints: '字形特征\n纸张特征',
      purpose: 'award',
      deadline: '2026-12-01',
    }
    const values = formValuesOf(novelty, stored)
    expect(dayjs.isDayjs(values.deadline)).toBe(true)
    expect(formBody(novelty, values)).toEqual(stored)
    expect(formValuesOf(delivery, { citation: 'Smith 2020', gone: 'x' })).toEqual({ citation: 'Smith 2020' })
  })

  it('shows option labels for stored choices', () => {
    const zh = (label: { zh: string; en: string }) => label.zh
    expect(displayValue(field('interlibrary_loan', 'pickup'), 'desk', zh)).toBe('总馆服务台')
    expect(displayValue(field('citation_verification', 'databases'), ['scie', 'ei'], zh)).toBe(
      'SCI-E, EI Compendex',
    )
  })

  it('colours statuses from the type’s transitions', () => {
    expect(statusColour(delivery, 'submitted')).toBe('gold')
    expect(statusColour(delivery, 'processing')).toBe('processing')
    expect(statusColour(delivery, 'delivered')).toBe('success')
    expect(statusColour(delivery, 'unfillable')).toBe('error')
    expect(statusColour(delivery, 'cancelled')).toBe('default')
    expect(statusColour(type('novelty_search'), 'needs_info')).toBe('warning')
  })
})
