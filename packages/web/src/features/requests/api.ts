import type { FieldProblem, ResponseOf, RouteContract } from '@shuqiao/contracts'
import { ApiProblem, type CallArgs, CLIENT_PROBLEM, fillPath, queryString } from '../../api/client.ts'
import { i18n } from '../../app/i18n.ts'

/** An action the server says is possible now (sent with a 409 `illegal_transition`). */
export interface AllowedNow {
  action: string
  to: string
}

/** An ApiProblem that also keeps the `allowed` actions of a 409 `illegal_transition`. */
export class RequestProblem extends ApiProblem {
  readonly allowed: AllowedNow[]

  constructor(
    problem: { status: number; code: string; detail: string; errors?: FieldProblem[] | undefined },
    allowed: AllowedNow[] = [],
  ) {
    super(problem)
    this.allowed = allowed
  }
}

const readProblem = async (response: Response) => {
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body = (await response.json()) as {
        code?: unknown
        detail?: unknown
        errors?: unknown
        allowed?: unknown
      }
      if (typeof body.code === 'string' && typeof body.detail === 'string')
        return new RequestProblem(
          {
            status: response.status,
            code: body.code,
            detail: body.detail,
            errors: Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : undefined,
          },
          Array.isArray(body.allowed) ? (body.allowed as AllowedNow[]) : [],
        )
    } catch {
      // fall through to the generic problem
    }
  }
  return new RequestProblem({
    status: response.status,
    code: response.status >= 500 ? 'internal_error' : CLIENT_PROBLEM.unexpected,
    detail: `${response.status} ${response.statusText}`.trim(),
  })
}

/**
 * Like `call` from api/client.ts, with extra request headers (the `Idempotency-Key` of a submit)
 * and the problem's `allowed` actions kept. The shared client takes neither, so it lives here.
 */
export const send = async <C extends RouteContract>(
  contract: C,
  args: CallArgs<C>,
  headers: Record<string, string> = {},
): Promise<ResponseOf<C>> => {
  const url =
    fillPath(contract.path, args.params as Record<string, unknown> | undefined) +
    queryString(args.query as Record<string, unknown> | undefined)
  const init: RequestInit = {
    method: contract.method,
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json', ...headers },
  }
  if (args.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' }
    init.body = JSON.stringify(args.body)
  }
  let response: Response
  try {
    response = await fetch(url, init)
  } catch {
    throw new RequestProblem({
      status: 0,
      code: CLIENT_PROBLEM.network,
      detail: i18n.t('common:error.network'),
    })
  }
  if (!response.ok) throw await readProblem(response)
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as ResponseOf<C>
}

/**
 * A fresh Idempotency-Key (8–100 of letters, digits and .:-_). crypto.randomUUID exists only on
 * HTTPS and localhost; a library intranet served over plain HTTP still gets a random key.
 */
export const newIdempotencyKey = () => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}
