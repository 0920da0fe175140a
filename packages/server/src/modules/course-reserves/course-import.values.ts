import { courses, headerKey } from '@shuqiao/contracts'

// How the office's cells are read: full-width forms folded (NFKC), spaces tidied, lists split,
// category words and department names recognised.

type Category = courses.CourseCategory

/** A name or label as people see it: NFKC (全角 → 半角), runs of spaces as one, trimmed. */
export const cleanText = (value: string) => value.normalize('NFKC').replace(/\s+/g, ' ').trim()

/** A course code: NFKC, without spaces, upper case, so `ｄｇ1003 f4s` is `DG1003F4S`. */
export const cleanCode = (value: string) => value.normalize('NFKC').replace(/\s+/g, '').toUpperCase()

/** A student or staff number: NFKC, without spaces. */
export const cleanNumber = (value: string) => value.normalize('NFKC').replace(/\s+/g, '')

/** 学工号 as accounts hold them: letters, digits, dot, dash and underscore. */
export const isNumberLike = (value: string) => /^[A-Za-z0-9._-]{1,40}$/.test(value)

// Control characters and angle brackets are refused in names, as everywhere on the platform.
export const isUnsafeName = (value: string) => /[<>\p{Cc}]/u.test(value)

/** Several teachers in one cell: `张三/李四`, `张三、李四`, `张三；李四` (after NFKC). */
export const splitList = (value: string) =>
  cleanText(value)
    .split(/\s*[/、;,|]\s*/)
    .map((item) => item.trim())
    .filter(Boolean)

const CATEGORY_WORDS: Record<Category, readonly string[]> = {
  public_basic: [
    '公共基础课',
    '公共基础',
    '公共课',
    '公共必修课',
    '通识课',
    '通识教育课',
    '通识必修课',
    'public basic',
  ],
  major_basic: [
    '专业基础课',
    '专业基础',
    '学科基础课',
    '学科基础',
    '大类基础课',
    '专业必修课',
    '专业核心课',
    'major basic',
  ],
  major_elective: ['专业选修课', '专业选修', '选修课', 'major elective', 'elective'],
  major_frontier: ['专业前沿课', '专业前沿', '前沿课', 'major frontier', 'frontier'],
  other: ['其他', '其它', 'other'],
}

const CATEGORY_BY_WORD = new Map<string, Category>(
  courses.COURSE_CATEGORIES.flatMap((category) =>
    [
      category,
      courses.CATEGORY_LABELS[category].zh,
      courses.CATEGORY_LABELS[category].en,
      ...CATEGORY_WORDS[category],
    ].map((word) => [headerKey(word), category] as const),
  ),
)

/** The category a cell names (公共基础课, 专业选修, Specialty elective, major_elective …), or undefined. */
export const categoryOf = (value: string): Category | undefined => CATEGORY_BY_WORD.get(headerKey(value))

export interface Department {
  id: string
  code: string
  nameZh: string
  nameEn: string
}

/** The library's department a cell names by code or by name in either language. */
export const matchDepartment = (value: string, departments: readonly Department[]) => {
  const key = headerKey(value)
  return departments.find((department) =>
    [department.code, department.nameZh, department.nameEn].some((name) => headerKey(name) === key),
  )
}

/** A headcount: digits only (NFKC), 0 to 100,000; undefined otherwise. */
export const headcountOf = (value: string) => {
  const text = value.normalize('NFKC').trim()
  if (!/^\d{1,6}$/.test(text)) return undefined
  const number = Number(text)
  return number <= 100_000 ? number : undefined
}
