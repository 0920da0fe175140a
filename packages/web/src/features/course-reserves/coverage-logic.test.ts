import { describe, expect, it } from 'vitest'
import { byShare, coursesToTarget, percentOf, percentText, seriesLines } from './coverage-logic.ts'

describe('coverage figures as shown', () => {
  it('writes shares to one decimal, whole numbers without one, and a dash for nothing counted', () => {
    expect(percentText(1, 3)).toBe('33.3%')
    expect(percentText(2, 3)).toBe('66.7%')
    expect(percentText(3, 5)).toBe('60%')
    expect(percentText(3, 3)).toBe('100%')
    expect(percentText(0, 4)).toBe('0%')
    expect(percentText(0, 0)).toBe('—')
    expect(percentText(1386, 1540)).toBe('90%')
    expect(percentText(1385, 1540)).toBe('89.9%')
    expect(percentOf(0, 0)).toBeNull()
  })

  it('says how many courses are still needed to reach the target', () => {
    expect(coursesToTarget({ requesting: 1540, allPublished: 1200 }, 90)).toBe(186)
    expect(coursesToTarget({ requesting: 10, allPublished: 3 }, 90)).toBe(6)
    expect(coursesToTarget({ requesting: 3, allPublished: 1 }, 90)).toBe(2)
    expect(coursesToTarget({ requesting: 10, allPublished: 10 }, 90)).toBe(0)
    expect(coursesToTarget({ requesting: 10, allPublished: 3 }, null)).toBeNull()
    expect(coursesToTarget({ requesting: 0, allPublished: 0 }, 90)).toBeNull()
  })

  it('turns the daily series into the chart’s lines, empty days as gaps', () => {
    const lines = seriesLines([
      { day: '2026-11-22', requesting: 0, allPublished: 0, anyPublished: 0, titles: 0, published: 0 },
      { day: '2026-11-23', requesting: 3, allPublished: 1, anyPublished: 2, titles: 5, published: 3 },
    ])
    expect(lines).toEqual({
      days: ['2026-11-22', '2026-11-23'],
      coverage: [null, 33.3],
      partial: [null, 66.7],
      fill: [null, 60],
    })
  })

  it('sorts by a share with rows of nothing counted first ascending', () => {
    const rows = [
      { name: 'a', part: 1, whole: 2 },
      { name: 'b', part: 0, whole: 0 },
      { name: 'c', part: 1, whole: 4 },
      { name: 'd', part: 3, whole: 3 },
    ]
    const sorted = [...rows].sort(
      byShare(
        (row) => row.part,
        (row) => row.whole,
      ),
    )
    expect(sorted.map((row) => row.name)).toEqual(['b', 'c', 'a', 'd'])
  })
})
