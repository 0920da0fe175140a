import { type Kysely, sql } from 'kysely'

// Electronic course reserves (电子教参), first part: a library's terms, the courses of each term
// as the academic affairs office (教务处) lists them, their teachers and their enrolled students.
// Teachers and students are kept by the office's numbers and names, and linked to accounts when
// one matches; later parts (teachers' requests, reserve items, coverage) hang off `courses`.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table course_terms (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      code text not null,
      name_zh text not null,
      name_en text not null,
      starts_on date not null,
      ends_on date not null check (ends_on >= starts_on),
      is_current boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (library_id, code)
    );
    -- One current term per library: the one readers see under 我的课程.
    create unique index course_terms_current_key on course_terms (library_id) where is_current;
    create table courses (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      term_id uuid not null references course_terms (id),
      code text not null,
      name_zh text not null,
      name_en text,
      category text check (category in ('public_basic', 'major_basic', 'major_elective', 'major_frontier', 'other')),
      department_id uuid references departments (id),
      -- The offering department (开课学院) as the office wrote it, matched to department_id when it could be.
      department_name text,
      campuses text[] not null default '{}',
      class_names text[] not null default '{}',
      headcount integer check (headcount >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (term_id, code)
    );
    create index courses_term_code_idx on courses (term_id, code, id);
    create index courses_department_idx on courses (term_id, department_id);
    create index courses_name_trgm on courses using gin (name_zh gin_trgm_ops);
    create table course_teachers (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      course_id uuid not null references courses (id) on delete cascade,
      name text not null,
      -- 工号 as the office gave it, when it did.
      staff_number text,
      account_id uuid references accounts (id),
      -- Linked or unlinked by staff: imports leave the link as staff set it.
      linked_by_staff boolean not null default false,
      position integer not null,
      created_at timestamptz not null default now(),
      unique (course_id, name)
    );
    create index course_teachers_account_idx on course_teachers (account_id);
    create index course_teachers_unlinked_idx on course_teachers (library_id, lower(staff_number))
      where account_id is null;
    create index course_teachers_name_trgm on course_teachers using gin (name gin_trgm_ops);
    create table course_enrolments (
      course_id uuid not null references courses (id) on delete cascade,
      library_id uuid not null references libraries (id),
      student_number text not null,
      account_id uuid references accounts (id),
      created_at timestamptz not null default now(),
      primary key (course_id, student_number)
    );
    create index course_enrolments_account_idx on course_enrolments (account_id);
    create index course_enrolments_unlinked_idx on course_enrolments (library_id, lower(student_number))
      where account_id is null;
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table course_enrolments, course_teachers, courses, course_terms`.execute(db)
}
