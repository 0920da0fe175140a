import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { searchTextOf } from '../../platform/search/search-text.ts'

// [ISBN-13, title, author, publisher, year, call number]
const BOOKS: [string, string, string, string, number, string][] = [
  ['9787040396638', '高等数学（第七版）上册', '同济大学数学系', '高等教育出版社', 2014, 'O13/T67'],
  [
    '9787115275790',
    'JavaScript高级程序设计（第3版）',
    'Nicholas C. Zakas',
    '人民邮电出版社',
    2012,
    'TP312JA/Z13',
  ],
  ['9787111407010', '算法导论（原书第3版）', 'Thomas H. Cormen', '机械工业出版社', 2013, 'TP301.6/C80'],
  ['9787508647357', '人类简史：从动物到上帝', '尤瓦尔·赫拉利', '中信出版社', 2014, 'K02/H14'],
  ['9787111544937', '深入理解计算机系统（原书第3版）', 'Randal E. Bryant', '机械工业出版社', 2016, 'TP3/B82'],
  ['9787302423287', '机器学习', '周志华', '清华大学出版社', 2016, 'TP181/Z77'],
  ['9787115428028', 'Python编程：从入门到实践', 'Eric Matthes', '人民邮电出版社', 2016, 'TP311.561/M38'],
  ['9787020002207', '红楼梦', '曹雪芹，高鹗', '人民文学出版社', 1996, 'I242.47/C26'],
  ['9787544253994', '百年孤独', '加西亚·马尔克斯', '南海出版公司', 2011, 'I775.45/J12'],
  ['9787506365437', '活着', '余华', '作家出版社', 2012, 'I247.57/Y82'],
  ['9787536692930', '三体', '刘慈欣', '重庆出版社', 2008, 'I247.55/L72'],
  ['9787208061644', '追风筝的人', '卡勒德·胡赛尼', '上海人民出版社', 2006, 'I712.45/H87'],
  ['9787108009821', '万历十五年', '黄仁宇', '生活·读书·新知三联书店', 1997, 'K248.306/H84'],
]

const SHELVES: Record<string, [science: string, humanities: string]> = {
  sjtu: ['主馆 自然科学书库（3楼）', '包玉刚图书馆 人文社科书库'],
  fudan: ['理科图书馆 2楼', '文科图书馆 3楼'],
  tongji: ['四平路校区 总馆 4楼', '四平路校区 总馆 5楼'],
}

/**
 * A small shelf list per demo library, so the catalogue, the holdings check on purchase
 * suggestions and later circulation have something real-looking to show. Libraries hold
 * different subsets, two or three copies of textbooks, some of them on loan.
 */
export const seedDemoCatalogue = async (
  trx: Kysely<DB>,
  libraryId: string,
  libraryCode: string,
  index: number,
) => {
  const [science, humanities] = SHELVES[libraryCode] ?? ['主馆', '主馆']
  const rows = BOOKS.filter((_, at) => (at + index) % 4 !== 3).flatMap(
    ([isbn, title, author, publisher, year, callNumber], at) => {
      const isScience = /^[OT]/.test(callNumber)
      const copies = isScience ? 3 : 1
      return Array.from({ length: copies }, (_, copy) => ({
        id: uuidv7(),
        library_id: libraryId,
        barcode: `${libraryCode.toUpperCase()}${String(index + 1)}${String(at * 10 + copy + 1).padStart(6, '0')}`,
        title,
        author,
        publisher,
        year,
        isbn13: isbn,
        call_number: callNumber,
        location: isScience ? science : humanities,
        material_type: 'book',
        status: copy === 0 && at % 3 === 0 ? 'on_loan' : 'available',
        search_text: searchTextOf(title, author, publisher, callNumber),
      }))
    },
  )
  await trx.insertInto('catalogue_items').values(rows).execute()
}
