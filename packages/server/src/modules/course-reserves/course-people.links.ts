import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

// Teachers and students are imported by the office's numbers and names before many of them
// have accounts (campus sign-in creates an account on first use). They are linked when an
// account matches, at three moments:
//  - on import, for the people in the file (course-import.plan.ts);
//  - after every import, for everyone of the library still waiting (linkWaitingPeople);
//  - when a reader or teacher opens 我的课程: a row still waiting whose number is theirs counts
//    as theirs (my-courses.service.ts), so nobody waits for the next import.
// Staff can also link a teacher by hand when the office gave only an ambiguous name.

/**
 * Links the library's waiting teachers (by staff number to a teacher account, failing that by a
 * name only one teacher account bears) and waiting enrolments (by student number).
 */
export const linkWaitingPeople = async (db: Kysely<DB>, libraryId: string) => {
  await sql`
    update course_teachers t set account_id = a.id
    from accounts a
    where t.library_id = ${libraryId} and t.account_id is null and not t.linked_by_staff
      and t.staff_number is not null
      and a.library_id = ${libraryId} and a.type = 'teacher'
      and lower(a.reader_number) = lower(t.staff_number)`.execute(db)
  await sql`
    update course_teachers t set account_id = only_one.id
    from (
      select min(a.id::text)::uuid as id, a.name from accounts a
      where a.library_id = ${libraryId} and a.type = 'teacher'
      group by a.name having count(*) = 1
    ) only_one
    where t.library_id = ${libraryId} and t.account_id is null and not t.linked_by_staff
      and only_one.name = t.name`.execute(db)
  await sql`
    update course_enrolments e set account_id = a.id
    from accounts a
    where e.library_id = ${libraryId} and e.account_id is null
      and a.library_id = ${libraryId} and lower(a.reader_number) = lower(e.student_number)`.execute(db)
}
