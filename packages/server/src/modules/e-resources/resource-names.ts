import { pinyin } from 'pinyin-pro'
import { searchTextOf, wordsOf } from '../../platform/search/search-text.ts'

// Readers look for 中国知网 under Z, type "zgzw" or "zhiwang" as often as 知网, and expect
// English names under their own letter: the keys below make all of that one indexed lookup.

/** A discipline of the library's list, as search and exports name it. */
export interface DisciplineName {
  code: string
  zh: string
  en: string
}

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

/** Chinese names spelled out: full pinyin and initials (中国知网 → zhongguozhiwang, zgzw). */
const spellingsOf = (names: Names) =>
  [names.nameZh, ...names.aliases]
    .filter((name) => /\p{Script=Han}/u.test(name))
    .flatMap((name) => {
      const syllables = syllablesOf(name).filter((syllable) => /^[a-z]+$/.test(syllable))
      return syllables.length > 1
        ? [syllables.join(''), syllables.map((syllable) => syllable[0]).join('')]
        : []
    })

/**
 * The words a resource is found by: its names, vendor, the names of its subjects on the
 * library's discipline list (both languages) and the spellings of its Chinese names. A library
 * renaming a discipline rewrites this for the resources under it.
 */
export const searchTextOfResource = (names: Names, disciplines: readonly DisciplineName[]) => {
  const subjects = disciplines
    .filter((discipline) => names.subjects.includes(discipline.code))
    .flatMap((discipline) => [discipline.zh, discipline.en])
  return searchTextOf(
    names.nameZh,
    names.nameEn,
    ...names.aliases,
    names.vendor,
    ...subjects,
    spellingsOf(names).join(' '),
  )
}

/**
 * What a resource row stores to be found and filed: its pinyin sort key and letter, and its
 * search words (`disciplines`: the library's list, to name its subjects).
 */
export const indexedColumnsOf = (names: Names, disciplines: readonly DisciplineName[]) => {
  const sortKey = sortKeyOf(names.nameZh)
  return {
    sort_key: sortKey,
    initial: initialOf(sortKey),
    search_text: searchTextOfResource(names, disciplines),
  }
}

/** The words a misspelt search may have meant: those of the names, vendor and spellings. */
export const vocabularyOf = (names: Names) => [
  ...new Set(
    [names.nameZh, names.nameEn, ...names.aliases, names.vendor, ...spellingsOf(names)]
      .flatMap((text) => (text ? wordsOf(text) : []))
      .filter((word) => [...word].length >= 3 && !/^\d+$/.test(word)),
  ),
]
