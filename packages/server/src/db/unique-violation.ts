/**
 * Whether a write failed on a unique index (PostgreSQL's 23505), on the named one when given:
 * how a race that the database settles (two taps, two desks) is told apart from a real fault.
 */
export const isUniqueViolation = (error: unknown, constraint?: string) => {
  const failure = error as { code?: string; constraint?: string } | null
  return failure?.code === '23505' && (constraint === undefined || failure.constraint === constraint)
}
