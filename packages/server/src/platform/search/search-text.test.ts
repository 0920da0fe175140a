import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/database.ts'
import { openTestDatabase } from '../../test/test-database.ts'
import { searchTextOf, tsQueryOf, wordsOf } from './search-text.ts'

describe('search text', () => {
  it('splits Chinese titles into words and drops punctuation', () => {
    expect(wordsOf('图书馆学基础（第二版）')).toEqual(expect.arrayContaining(['图书', '基础', '第二']))
    expect(wordsOf('Deep Learning: 深度学习')).toEqual(
      expect.arrayContaining(['deep', 'learning', '深度', '学习']),
    )
    expect(wordsOf('（）——，。')).toEqual([])
    expect(searchTextOf('ＡＢＣ 数据', null, '张三')).toBe('abc 数据 张三')
  })

  describe('in the database', () => {
    let database: Database
    beforeAll(async () => {
      database = await openTestDatabase()
    })
    afterAll(async () => {
      await database?.close()
    })

    const matches = async (stored: string, typed: string) => {
      const query = tsQueryOf(typed)
      if (!query) return false
      const row = await sql<{
        hit: boolean
      }>`select to_tsvector('simple', ${searchTextOf(stored)}) @@ ${query} as hit`.execute(database.db)
      return row.rows[0]?.hit ?? false
    }

    it('finds a title by any of its words, the last typed word as a prefix', async () => {
      expect(await matches('数字图书馆建设与服务', '图书馆 服务')).toBe(true)
      expect(await matches('数字图书馆建设与服务', '数字图')).toBe(true)
      expect(await matches('Modern Information Retrieval', 'retr')).toBe(true)
      expect(await matches('数字图书馆建设与服务', '档案')).toBe(false)
    })

    it('treats operators and quotes a reader types as plain text', async () => {
      expect(await matches("O'Reilly & Associates", "o'reilly & | !(")).toBe(true)
      expect(tsQueryOf('!!! ()')).toBeNull()
    })
  })
})
