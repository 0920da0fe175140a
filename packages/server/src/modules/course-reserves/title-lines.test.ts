import { describe, expect, it } from 'vitest'
import { readTitleLines } from './title-lines.ts'

describe('reading a pasted list of titles', () => {
  it('reads ISBNs, “title / author / publisher” and numbered lines, and skips blank ones', () => {
    const lines = readTitleLines(
      [
        '978-7-302-14751-0',
        '',
        '1. 数据结构（C语言版） / 严蔚敏，吴伟民 / 清华大学出版社',
        '2、TCP/IP详解 / W. Richard Stevens',
        'ISBN 7-04-039663-7 高等数学（第七版）',
        '算法导论／Thomas H. Cormen',
      ].join('\r\n'),
    )
    expect(lines.map((line) => [line.line, line.want])).toEqual([
      [1, { isbn13: '9787302147510', title: null, author: null, publisher: null, edition: null }],
      [
        3,
        {
          isbn13: null,
          title: '数据结构(C语言版)',
          author: '严蔚敏,吴伟民',
          publisher: '清华大学出版社',
          edition: null,
        },
      ],
      [
        4,
        { isbn13: null, title: 'TCP/IP详解', author: 'W. Richard Stevens', publisher: null, edition: null },
      ],
      [
        5,
        { isbn13: '9787040396638', title: '高等数学(第七版)', author: null, publisher: null, edition: null },
      ],
      [6, { isbn13: null, title: '算法导论', author: 'Thomas H. Cormen', publisher: null, edition: null }],
    ])
  })

  it('says what is wrong with a line: a bad check digit, a wrong length, no title', () => {
    const lines = readTitleLines('978-7-302-14751-1\n97873021475\n / 严蔚敏\n<b>粗体</b>')
    expect(lines.map((line) => [line.line, line.problem?.code])).toEqual([
      [1, 'bad_isbn'],
      [2, 'bad_isbn'],
      [3, 'missing_title'],
      [4, 'unsafe_characters'],
    ])
    expect(lines[0]!.problem!.message.zh).toContain('校验位不对')
    expect(lines[1]!.problem!.message.zh).toContain('10 位或 13 位')
  })
})
