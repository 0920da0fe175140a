import { DISCIPLINES } from '@shuqiao/contracts'
import { pinyin } from 'pinyin-pro'
import { searchTextOf } from '../../platform/search/search-text.ts'

// Readers look for 中国知网 under Z, type "zgzw" or "zhiwang" as often as 知网, and expect
// English names under their own letter: the keys below make all of that one indexed lookup.

interface Names {
  nameZh: string
  nameEn: string | null
  aliases: readonly string[]
  vendor: string | null
  subjects: readonly string[]
}

const syllablesOf = (text: string) => pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })

/** The pinyin (or the name itself, lower-cased) the directory sorts by. */
export const sortKeyOf = (nameZh: string) => syllablesOf(nameZh).join(' ').toLowerCase().normalize('NFKC')

/** The A–Z letter a name is filed under; `#` for names starting with a digit or a sign. */
export const initialOf = (sortKey: string) => {
  const first = sortKey.trim().charAt(0).toUpperCase()
  return first >= 'A' && first <= 'Z' ? first : '#'
}

/** Every name joined: close (typo-tolerant) matches compare against it. */
export const namesOf = (names: Names) =>
  [names.nameZh, names.nameEn, ...names.aliases].filter(Boolean).join(' / ')

/** Words for full-text search: names, vendor, subjects in both languages, and the names' pinyin. */
export const searchTextOfResource = (names: Names) => {
  const chinese = [names.nameZh, ...names.aliases].filter((name) => /\p{Script=Han}/u.test(name))
  const spelled = chinese.flatMap((name) => {
    const syllables = syllablesOf(name).filter((syllable) => /^[a-z]+$/.test(syllable))
    return syllables.length > 1 ? [syllables.join(''), syllables.map((syllable) => syllable[0]).join('')] : []
  })
  const subjects = DISCIPLINES.filter((discipline) => names.subjects.includes(discipline.code)).flatMap(
    (discipline) => [discipline.zh, discipline.en],
  )
  return searchTextOf(
    names.nameZh,
    names.nameEn,
    ...names.aliases,
    names.vendor,
    ...subjects,
    spelled.join(' '),
  )
}
