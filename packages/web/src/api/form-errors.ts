import type { FormInstance } from 'antd'
import { ApiProblem, fieldOfPath } from './client.ts'

/**
 * Puts a problem's field errors (`errors[]` with paths like `body.email`) next to the matching
 * fields of an antd form. Returns true when at least one field got a message, so the caller
 * only needs a toast for what is left.
 */
export const applyFieldErrors = (form: FormInstance, error: unknown, rename: Record<string, string> = {}) => {
  if (!(error instanceof ApiProblem) || error.errors.length === 0) return false
  const registered = new Set(Object.keys(form.getFieldsValue() ?? {}))
  const byField = new Map<string, string[]>()
  for (const problem of error.errors) {
    const field = fieldOfPath(problem.path)
    const name = field ? (rename[field] ?? field) : undefined
    if (!name || !registered.has(name)) continue
    byField.set(name, [...(byField.get(name) ?? []), problem.message])
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })))
  return byField.size > 0
}
