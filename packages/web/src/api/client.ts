import type {
  BodyInputOf,
  FieldProblem,
  ParamsOf,
  Problem,
  QueryInputOf,
  ResponseOf,
  RouteContract,
} from '@shuqiao/contracts'

/** A problem+json answer from the API, thrown by `call`. `detail` is already in the caller's language. */
export class ApiProblem extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly errors: FieldProblem[]

  constructor(
    problem: Pick<Problem, 'status' | 'code' | 'detail'> & { errors?: FieldProblem[] | undefined },
  ) {
    super(problem.detail)
    this.name = 'ApiProblem'
    this.status = problem.status
    this.code = problem.code
    this.detail = problem.detail
    this.errors = problem.errors ?? []
  }
}

/** Codes the client makes up itself when there is no problem document to read. */
export const CLIENT_PROBLEM = { network: 'network_error', unexpected: 'unexpected_response' } as const

type Part<Key extends string, Value> = [Value] extends [undefined]
  ? { [K in Key]?: undefined }
  : undefined extends Value
    ? { [K in Key]?: Value }
    : { [K in Key]: Value }

/** What a route takes: `params`, `query` and `body`, each required exactly when the contract requires it. */
export type CallArgs<C extends RouteContract> = Part<'params', ParamsOf<C>> &
  Part<'query', QueryInputOf<C>> &
  Part<'body', BodyInputOf<C>>

// biome-ignore lint/complexity/noBannedTypes: `{}` is how to ask "has no required keys"
type ArgsTuple<C extends RouteContract> = {} extends CallArgs<C> ? [args?: CallArgs<C>] : [args: CallArgs<C>]

/** Fills `:name` segments of a route path; values are URL-encoded. */
export const fillPath = (path: string, params: Record<string, unknown> | undefined) =>
  path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null) throw new Error(`Missing path parameter ${name} for ${path}`)
    return encodeURIComponent(String(value))
  })

/** Query string from an object; undefined, null and empty strings are left out. */
export const queryString = (query: Record<string, unknown> | undefined) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item))
    else search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** The URL a contract resolves to, for links such as the campus sign-in start. */
export const urlOf = <C extends RouteContract>(contract: C, ...[args]: ArgsTuple<C>) =>
  fillPath(contract.path, args?.params as Record<string, unknown> | undefined) +
  queryString(args?.query as Record<string, unknown> | undefined)

let networkMessage = () => 'Network error'
/** Lets the i18n setup supply the message shown when the server cannot be reached. */
export const setNetworkMessage = (message: () => string) => {
  networkMessage = message
}

/** The problem+json of a failed response, or a generic problem when there is none to read. */
export const readProblem = async (response: Response): Promise<ApiProblem> => {
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>
      if (typeof body.code === 'string' && typeof body.detail === 'string')
        return new ApiProblem({
          status: response.status,
          code: body.code,
          detail: body.detail,
          errors: Array.isArray(body.errors) ? body.errors : undefined,
        })
    } catch {
      // fall through to the generic problem below
    }
  }
  return new ApiProblem({
    status: response.status,
    code: response.status >= 500 ? 'internal_error' : CLIENT_PROBLEM.unexpected,
    detail: `${response.status} ${response.statusText}`.trim(),
  })
}

/**
 * Calls one API route as its contract describes it. Resolves with the success body (undefined
 * for 204); rejects with an ApiProblem carrying the server's `code`, `detail` and field `errors`.
 */
export const call = async <C extends RouteContract>(
  contract: C,
  ...[args]: ArgsTuple<C>
): Promise<ResponseOf<C>> => {
  const url = urlOf(contract, ...([args] as ArgsTuple<C>))
  const init: RequestInit = {
    method: contract.method,
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json' },
  }
  if (args?.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' }
    init.body = JSON.stringify(args.body)
  }
  let response: Response
  try {
    response = await fetch(url, init)
  } catch {
    throw new ApiProblem({ status: 0, code: CLIENT_PROBLEM.network, detail: networkMessage() })
  }
  if (!response.ok) throw await readProblem(response)
  if (response.status === 204 || response.status === 205) return undefined as ResponseOf<C>
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as ResponseOf<C>
}

/** True when an error is an ApiProblem with one of the given codes. */
export const isProblem = (error: unknown, ...codes: string[]): error is ApiProblem =>
  error instanceof ApiProblem && (codes.length === 0 || codes.includes(error.code))

/**
 * The form field a problem path names: `body.email` → `email`, `body.roles.1` → `roles`.
 * Returns undefined for paths outside the body (query, params).
 */
export const fieldOfPath = (path: string): string | undefined => {
  const [where, field] = path.split('.')
  return where === 'body' && field ? field : undefined
}
