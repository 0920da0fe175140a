import { describe, expect, it } from 'vitest'
import { resolveMapping, suggestMapping } from './course-import.columns.ts'
import { categoryOf, cleanCode, cleanText, splitList } from './course-import.values.ts'

describe('reading an office’s columns and cells', () => {
  it('suggests a field for each header it knows, by the office’s many names for it', () => {
    expect(
      suggestMapping([
        '课程号',
        '课程名',
        '开课院系',
        '教学班',
        '授课教师',
        '工号',
        '选课人数',
        '学生学号',
        '备注',
      ]),
    ).toEqual({
      courseCode: '课程号',
      courseName: '课程名',
      courseNameEn: null,
      category: null,
      department: '开课院系',
      campus: null,
      className: '教学班',
      teachers: '授课教师',
      teacherNumbers: '工号',
      headcount: '选课人数',
      studentNumber: '学生学号',
    })
    // English headers, full-width and spacing ignored; the first header of a field wins.
    expect(suggestMapping(['Course Code', 'COURSE_NAME', 'Ｃａｍｐｕｓ', '课程代码'])).toMatchObject({
      courseCode: 'Course Code',
      courseName: 'COURSE_NAME',
      campus: 'Ｃａｍｐｕｓ',
    })
    // The students' own college is not the course's department.
    expect(suggestMapping(['课程代码', '学生所在学院']).department).toBeNull()
  })

  it('finds the chosen headers loosely, and says which are missing or taken twice', () => {
    const headers = ['课程代码', '课程名称（中文）']
    expect(
      resolveMapping(headers, 1, { courseCode: '课程代码', courseName: '课程名称(中文)' }).index,
    ).toEqual({
      courseCode: 0,
      courseName: 1,
    })
    expect(
      resolveMapping(headers, 1, { courseName: '课程名称（中文）' }).problems.map((p) => p.code),
    ).toEqual(['missing_column'])
  })

  it('folds full-width forms and splits teachers however the office joined them', () => {
    expect(cleanCode(' ｄｇ１００３　Ｆ４Ｓ ')).toBe('DG1003F4S')
    expect(cleanText('电路分析基础A（混合式）  ')).toBe('电路分析基础A(混合式)')
    expect(splitList('教师201/教师185')).toEqual(['教师201', '教师185'])
    expect(splitList('张三、李四；王五，赵六／钱七')).toEqual(['张三', '李四', '王五', '赵六', '钱七'])
    expect(categoryOf('专业选修')).toBe('major_elective')
    expect(categoryOf('Specialty frontier course')).toBe('major_frontier')
    expect(categoryOf('公共基础课 ')).toBe('public_basic')
    expect(categoryOf('必修')).toBeUndefined()
  })
})
