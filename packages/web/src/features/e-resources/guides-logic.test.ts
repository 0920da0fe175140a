import { describe, expect, it } from 'vitest'
import { guideFieldOf, guideFormValuesOf, guideInputOf, shortAddress } from './guides-logic.ts'

const summary = (id: string, nameZh: string) => ({
  id,
  nameZh,
  nameEn: null,
  aliases: [],
  vendor: null,
  kind: 'database' as const,
  subjects: [],
  status: 'published' as const,
  initial: 'Z',
  freeFrom: null,
  freeUntil: null,
  routes: ['carsi' as const],
})

describe('the guide form', () => {
  it('sends titles, notes and resources in the order shown, blanks as null', () => {
    expect(
      guideInputOf({
        titleZh: '  免 VPN 的中文资源 ',
        titleEn: ' ',
        descriptionZh: '闭馆期间在家即可使用。\n',
        discipline: undefined,
        items: [
          { resourceId: 'r2', noteZh: ' 用校园账号登录 ', noteEn: '' },
          { resourceId: 'r1', noteZh: null, noteEn: 'Roaming account' },
        ],
      }),
    ).toEqual({
      titleZh: '免 VPN 的中文资源',
      titleEn: null,
      descriptionZh: '闭馆期间在家即可使用。',
      descriptionEn: null,
      discipline: null,
      items: [
        { resourceId: 'r2', noteZh: '用校园账号登录', noteEn: null },
        { resourceId: 'r1', noteZh: null, noteEn: 'Roaming account' },
      ],
    })
  })

  it('starts from a saved guide, its resources in order with their notes', () => {
    const values = guideFormValuesOf({
      id: 'g1',
      code: 'ab12cd',
      libraryId: 'l1',
      titleZh: '文学',
      titleEn: 'Literature',
      descriptionZh: null,
      descriptionEn: null,
      discipline: '05',
      status: 'draft',
      resources: 2,
      visits: 0,
      updatedAt: '2026-03-01T00:00:00.000Z',
      items: [
        { resource: summary('r1', '中国知网'), noteZh: 'CARSI', noteEn: null },
        { resource: summary('r2', '万方'), noteZh: null, noteEn: null },
      ],
    })
    expect(values.discipline).toBe('05')
    expect(values.items).toEqual([
      { resourceId: 'r1', noteZh: 'CARSI', noteEn: null },
      { resourceId: 'r2', noteZh: null, noteEn: null },
    ])
    expect(guideInputOf(values).items.map((item) => item.resourceId)).toEqual(['r1', 'r2'])
  })

  it('puts the server’s problems on the item they name, or on the list when that item is gone', () => {
    expect(guideFieldOf('body.items.1.resourceId', 2)).toEqual(['items', 1, 'resourceId'])
    expect(guideFieldOf('body.items.0.noteEn', 2)).toEqual(['items', 0, 'noteEn'])
    expect(guideFieldOf('body.items.5.resourceId', 2)).toEqual(['items'])
    expect(guideFieldOf('body.items', 2)).toEqual(['items'])
    expect(guideFieldOf('body.titleZh', 0)).toEqual(['titleZh'])
    expect(guideFieldOf('query.library', 0)).toBeUndefined()
    expect(guideFieldOf('body.code', 0)).toBeUndefined()
  })
})

describe('the short address', () => {
  it('is /g/<code> on the site’s own origin', () => {
    expect(shortAddress('https://lib.example.edu.cn', 'ab12cd')).toBe('https://lib.example.edu.cn/g/ab12cd')
    expect(shortAddress('http://localhost:3000/', 'ab12cd')).toBe('http://localhost:3000/g/ab12cd')
  })
})
