import type { courseTitles } from '@shuqiao/contracts'
import type { CourseOfTitle, CourseTitleRow, MatchRow, TitleRow } from './course-titles.repository.ts'

const linkOf = (row: TitleRow) =>
  row.link_url ? { url: row.link_url, platform: row.link_platform ?? '' } : null

const titleFields = (row: TitleRow) => ({
  id: row.id,
  isbn13: row.isbn13,
  title: row.title,
  author: row.author,
  publisher: row.publisher,
  edition: row.edition,
  status: row.status,
  channel: row.channel,
  link: linkOf(row),
})

/** A title of a course, as its teachers see it. */
export const presentCourseTitle = (row: CourseTitleRow): courseTitles.CourseTitle => ({
  ...titleFields(row),
  addedAt: row.added_at.toISOString(),
})

export const presentMatch = (row: MatchRow): courseTitles.MatchProposal => ({
  id: row.id,
  platform: { id: row.platform_id, name: row.platform_name, openAccess: row.platform_open_access },
  matchedBy: row.matched_by,
  title: row.title,
  author: row.author,
  publisher: row.publisher,
  isbn13: row.isbn13,
  url: row.url,
  free: row.free || row.platform_open_access,
  state: row.state,
})

/** A title as staff see it, with the courses asking for it and its matches. */
export const presentStaffTitle = (
  row: TitleRow,
  courses: readonly CourseOfTitle[],
  matches: { shown: readonly MatchRow[]; rejected: number } | undefined,
): Omit<courseTitles.StaffTitle, 'assignee'> => ({
  ...titleFields(row),
  termId: row.term_id,
  courses: courses.map((course) => ({
    id: course.id,
    code: course.code,
    nameZh: course.name_zh,
    department: course.department_zh ?? course.department_name,
  })),
  proposals: (matches?.shown ?? []).map(presentMatch),
  rejectedCount: matches?.rejected ?? 0,
  createdAt: row.created_at.toISOString(),
})

/** How a person recognises a title in the audit log. */
export const titleLabel = (row: Pick<TitleRow, 'title' | 'isbn13'>) =>
  [row.title, row.isbn13 ? `ISBN ${row.isbn13}` : null].filter(Boolean).join(' · ')
