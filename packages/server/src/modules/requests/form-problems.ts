import { FIELD_MESSAGES, formSchema, type RequestType } from '@shuqiao/contracts'
import { ProblemError } from '../../http/problem.ts'

/** Validates a request form against its type; problems name `body.form.<field>` in both languages. */
export const parseForm = (type: RequestType, form: Record<string, unknown>) => {
  const parsed = formSchema(type).safeParse(form)
  if (parsed.success) return parsed.data as Record<string, unknown>
  throw new ProblemError('validation_failed', {
    errors: parsed.error.issues.map((issue) => {
      const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message)
      const code = missing ? 'required' : issue.code === 'custom' ? issue.message : issue.code
      const field = issue.path.join('.')
      return {
        path: field ? `body.form.${field}` : 'body.form',
        code,
        message: FIELD_MESSAGES[code] ?? FIELD_MESSAGES.invalid!,
      }
    }),
  })
}
