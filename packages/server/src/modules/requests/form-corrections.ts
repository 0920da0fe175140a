import type { RequestType, requests, Transition } from '@shuqiao/contracts'
import { fieldProblem } from '../../http/problem.ts'
import { parseForm } from './form-problems.ts'

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * The fields whose values differ between two forms, in the type's field order (then any field
 * no longer defined); a value not given reads `null`.
 */
export const formChanges = (
  type: RequestType,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): requests.FormChange[] => {
  const known = type.fields.map((field) => field.name)
  const others = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((name) => !known.includes(name))
    .sort()
  return [...known, ...others]
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }))
}

/**
 * A reader's corrected form sent with a step: refused unless the step lets the form be corrected,
 * then checked exactly as on submit (problems name `body.form.<field>`). Returns the form to
 * store and what changed, before anything is written.
 */
export const correctedForm = (
  type: RequestType,
  move: Transition,
  current: Record<string, unknown>,
  sent: Record<string, unknown>,
) => {
  if (!move.correctsForm) {
    throw fieldProblem(
      'body.form',
      'not_allowed',
      '这一步不能修改申请内容',
      'The form cannot be changed with this step',
    )
  }
  const form = parseForm(type, sent)
  return { form, changes: formChanges(type, current, form) }
}
