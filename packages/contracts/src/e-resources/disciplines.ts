import { z } from 'zod'

/**
 * The national categories of disciplines (学科门类, 2022 edition of the Ministry of Education's
 * list): the subjects a library files its resources under until it keeps a list of its own.
 */
export const DISCIPLINES = [
  { code: '01', zh: '哲学', en: 'Philosophy' },
  { code: '02', zh: '经济学', en: 'Economics' },
  { code: '03', zh: '法学', en: 'Law' },
  { code: '04', zh: '教育学', en: 'Education' },
  { code: '05', zh: '文学', en: 'Literature' },
  { code: '06', zh: '历史学', en: 'History' },
  { code: '07', zh: '理学', en: 'Science' },
  { code: '08', zh: '工学', en: 'Engineering' },
  { code: '09', zh: '农学', en: 'Agriculture' },
  { code: '10', zh: '医学', en: 'Medicine' },
  { code: '11', zh: '军事学', en: 'Military science' },
  { code: '12', zh: '管理学', en: 'Management' },
  { code: '13', zh: '艺术学', en: 'Art' },
  { code: '14', zh: '交叉学科', en: 'Interdisciplinary studies' },
] as const

export const DISCIPLINE_CODES = DISCIPLINES.map((discipline) => discipline.code)

/**
 * A discipline's code on a library's list: the Ministry's codes (`08`, `0812`, `081201`) or a
 * library's own short code. Which codes exist is the library's list, checked by the server.
 */
export const DISCIPLINE_CODE_PATTERN = /^[0-9A-Za-z]{1,12}$/
export const DisciplineCode = z.string().regex(DISCIPLINE_CODE_PATTERN)

/** The most disciplines a library's list holds. */
export const MAX_DISCIPLINES = 200
