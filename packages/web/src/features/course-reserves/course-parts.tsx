import type { courses } from '@shuqiao/contracts'
import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useText } from '../requests/request-types.ts'
import { CATEGORY_LABELS } from './logic.ts'

const COLORS: Record<courses.CourseCategory, string> = {
  public_basic: 'blue',
  major_basic: 'green',
  major_elective: 'gold',
  major_frontier: 'purple',
  other: 'default',
}

/** A course's category as a coloured tag; 未分类 when the office gave none. */
export const CategoryTag = ({ category }: { category: courses.CourseCategory | null }) => {
  const { t } = useTranslation('courseReserves')
  const text = useText()
  if (!category) return <Tag data-category="none">{t('categoryNone')}</Tag>
  return (
    <Tag color={COLORS[category]} data-category={category}>
      {text(CATEGORY_LABELS[category])}
    </Tag>
  )
}

/** The department a course is offered by: the library's own name for it, else the office's words. */
export const departmentText = (
  course: Pick<courses.Course, 'department' | 'departmentName'>,
  name: (item: { nameZh: string; nameEn: string }) => string,
) => (course.department ? name(course.department) : (course.departmentName ?? ''))
