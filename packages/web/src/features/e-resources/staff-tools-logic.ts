import type { eResources, ezproxyImports, RouteKind } from '@shuqiao/contracts'
import dayjs from 'dayjs'

type ResourceDetail = eResources.ResourceDetail
type AccessTest = ResourceDetail['accessTests'][number]

/** The latest access test of a route, if a librarian has recorded one. */
export const latestTestOf = (detail: Pick<ResourceDetail, 'accessTests'>, route: RouteKind) =>
  detail.accessTests.find((test: AccessTest) => test.route === route)

/**
 * The resource's routes (as the librarian set them, in their order) whose latest test did not
 * pass or that nobody has tried yet: what to try before publishing a resource in testing.
 */
export const routesWithoutPassingTest = (detail: Pick<ResourceDetail, 'routeSettings' | 'accessTests'>) =>
  detail.routeSettings.map((route) => route.kind).filter((kind) => latestTestOf(detail, kind)?.works !== true)

/** What an EZproxy preview would do, and how many problems of each severity it found. */
export const importCounts = (preview: ezproxyImports.EzproxyImport) => ({
  create: preview.stanzas.filter((stanza) => stanza.action === 'create').length,
  update: preview.stanzas.filter((stanza) => stanza.action === 'update').length,
  skip: preview.stanzas.filter((stanza) => stanza.action === 'skip').length,
  errors: preview.problems.filter((problem) => problem.severity === 'error').length,
  warnings: preview.problems.filter((problem) => problem.severity === 'warning').length,
})

/** The most months one monthly report may span (the route's limit). */
export const MAX_REPORT_MONTHS = 36

const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1

/** How many months from one YYYY-MM to another, both included (0 when the end is first). */
export const monthsIn = (from: string, to: string) => Math.max(0, monthNumber(to) - monthNumber(from) + 1)

/** Why the server would refuse a span of months for the report, as its field problem code. */
export const reportRangeProblem = (from: string, to: string): 'ends_before_start' | 'too_long' | undefined =>
  from > to ? 'ends_before_start' : monthsIn(from, to) > MAX_REPORT_MONTHS ? 'too_long' : undefined

/** The report's first span: the twelve months up to and including this one. */
export const defaultReportMonths = (today: string) => {
  const month = dayjs(today).startOf('month')
  return { from: month.subtract(11, 'month').format('YYYY-MM'), to: month.format('YYYY-MM') }
}

type ImportProblem = ezproxyImports.EzproxyImport['problems'][number]

const isImportProblem = (value: unknown): value is ImportProblem => {
  const problem = value as Partial<ImportProblem> | null
  return (
    typeof problem === 'object' &&
    problem !== null &&
    typeof problem.line === 'number' &&
    typeof problem.code === 'string' &&
    (problem.severity === 'error' || problem.severity === 'warning') &&
    typeof problem.message?.zh === 'string' &&
    typeof problem.message?.en === 'string'
  )
}

/**
 * The problems a refused import names (422 `import_has_errors` carries them beside its detail),
 * or undefined when the answer is some other refusal.
 */
export const refusedImportProblems = (body: unknown): ImportProblem[] | undefined => {
  const answer = body as { code?: unknown; problems?: unknown } | null
  if (typeof answer !== 'object' || answer === null || answer.code !== 'import_has_errors') return undefined
  return Array.isArray(answer.problems) ? answer.problems.filter(isImportProblem) : []
}
