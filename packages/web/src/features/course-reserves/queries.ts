import {
  type BodyInputOf,
  courseImports,
  courses,
  courseTerms,
  type QueryInputOf,
  type ResponseOf,
} from '@shuqiao/contracts'
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { ApiProblem, call } from '../../api/client.ts'

export type Term = courseTerms.Term
export type Course = courses.Course
export type CourseDetail = ResponseOf<typeof courses.getCourse>
export type MyCourses = ResponseOf<typeof courses.listMyCourses>
export type ImportPreview = courseImports.ImportPreview
export type CourseFilters = Omit<QueryInputOf<typeof courses.listCourses>, 'cursor' | 'limit'>

export const COURSES_PAGE_SIZE = 50

const noRetryOnClientErrors = (failures: number, error: unknown) =>
  !(error instanceof ApiProblem && error.status > 0 && error.status < 500) && failures < 2

export const useTerms = () =>
  useQuery({
    queryKey: ['course-reserves', 'terms'],
    queryFn: () => call(courseTerms.listTerms),
    retry: noRetryOnClientErrors,
  })

export const useSaveTerm = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({
      termId,
      body,
    }: {
      termId?: string | undefined
      body: BodyInputOf<typeof courseTerms.updateTerm>
    }) =>
      termId
        ? call(courseTerms.updateTerm, { params: { termId }, body })
        : call(courseTerms.createTerm, { body: body as BodyInputOf<typeof courseTerms.createTerm> }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['course-reserves'] }),
  })
}

/** A term's courses, a page at a time. */
export const useCourses = (filters: CourseFilters, enabled = true) =>
  useInfiniteQuery({
    queryKey: ['course-reserves', 'courses', filters],
    queryFn: ({ pageParam }) =>
      call(courses.listCourses, { query: { ...filters, cursor: pageParam, limit: COURSES_PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: noRetryOnClientErrors,
    enabled,
  })

export const useCourse = (courseId: string | undefined) =>
  useQuery({
    queryKey: ['course-reserves', 'course', courseId],
    queryFn: () => call(courses.getCourse, { params: { courseId: courseId! } }),
    enabled: !!courseId,
    retry: noRetryOnClientErrors,
  })

/** Checks (dry run) or applies an uploaded list; an apply refreshes every list of courses. */
export const useImportCourses = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BodyInputOf<typeof courseImports.importCourses>) =>
      call(courseImports.importCourses, { body }),
    onSuccess: (answer) => {
      if (answer.applied) void queryClient.invalidateQueries({ queryKey: ['course-reserves'] })
    },
  })
}

export const useMyCourses = () =>
  useQuery({
    queryKey: ['course-reserves', 'mine'],
    queryFn: () => call(courses.listMyCourses),
    retry: noRetryOnClientErrors,
  })
