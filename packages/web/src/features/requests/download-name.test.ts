import { describe, expect, it } from 'vitest'
import { fileNameOf } from './download-name.ts'

describe('download names', () => {
  it('prefers the exact UTF-8 name the server gives', () => {
    expect(
      fileNameOf(
        `attachment; filename="_____-2026-11-26.csv"; filename*=UTF-8''%E6%9C%8D%E5%8A%A1%E7%94%B3%E8%AF%B7-2026-11-26.csv`,
        'x.csv',
      ),
    ).toBe('服务申请-2026-11-26.csv')
  })

  it('falls back to the plain name, then to ours', () => {
    expect(fileNameOf('attachment; filename="figures.xlsx"', 'x.xlsx')).toBe('figures.xlsx')
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx')
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", 'x.csv')).toBe('x.csv')
  })
})
