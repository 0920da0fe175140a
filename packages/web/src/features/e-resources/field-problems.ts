import type { FormInstance } from 'antd'
import { ApiProblem } from '../../api/client.ts'
import type { FieldName } from './e-resources-logic.ts'

/**
 * Puts the server's field problems on the form fields they name (`fieldOf` maps a problem's
 * path, such as `body.routes.1.url`, to a field) and scrolls to the first. Returns false when
 * none had a field, so the caller shows the problem as a message instead.
 */
export const showFieldProblems = <Values>(
  form: FormInstance<Values>,
  error: unknown,
  fieldOf: (path: string) => FieldName | undefined,
) => {
  if (!(error instanceof ApiProblem) || error.errors.length === 0) return false
  const byField = new Map<string, { name: FieldName; errors: string[] }>()
  for (const problem of error.errors) {
    const name = fieldOf(problem.path)
    if (!name) continue
    const key = name.join('.')
    const entry = byField.get(key) ?? { name, errors: [] }
    entry.errors.push(problem.message)
    byField.set(key, entry)
  }
  const fields = [...byField.values()]
  form.setFields(fields as Parameters<typeof form.setFields>[0])
  if (fields[0]) form.scrollToField(fields[0].name)
  return fields.length > 0
}
