import { describe, expect, it } from 'vitest'
import { en, zhCN } from './index.ts'

/** Every leaf of a locale tree as [dotted key, value]. */
const leaves = (tree: unknown, prefix = ''): [string, unknown][] =>
  tree !== null && typeof tree === 'object'
    ? Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key))
    : [[prefix, tree]]

describe('locales', () => {
  const zh = leaves(zhCN)
  const english = leaves(en)

  it('zh-CN and en have exactly the same keys', () => {
    expect(english.map(([key]) => key).sort()).toEqual(zh.map(([key]) => key).sort())
  })

  it('every message is a non-empty string', () => {
    for (const [key, value] of [...zh, ...english]) {
      expect(typeof value, key).toBe('string')
      expect((value as string).trim(), key).not.toBe('')
    }
  })

  it('a message uses the same {{placeholders}} in both languages', () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort()
    const english = new Map(leaves(en))
    for (const [key, value] of zh) expect(placeholders(english.get(key)), key).toEqual(placeholders(value))
  })
})
