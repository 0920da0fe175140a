import type { z } from 'zod'
import type { Role } from './roles.ts'

/** Who may call a route: anyone, anyone signed in, or holders of the listed roles. */
export type Access = 'public' | 'signed_in' | readonly Role[]

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RouteContract {
  method: HttpMethod
  path: string
  summary: string
  tag: string
  access: Access
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  /** Response schema for the success status; omit for 204 or redirects. */
  response?: z.ZodType
  status?: 200 | 201 | 202 | 204 | 302
}

/** Declares one HTTP route; the same object types the server handler and the web client. */
export const defineRoute = <const C extends RouteContract>(contract: C): C => contract

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined
type Input<T> = T extends z.ZodType ? z.input<T> : undefined
export type ParamsOf<C extends RouteContract> = Infer<C['params']>
export type QueryOf<C extends RouteContract> = Infer<C['query']>
export type QueryInputOf<C extends RouteContract> = Input<C['query']>
export type BodyOf<C extends RouteContract> = Infer<C['body']>
export type BodyInputOf<C extends RouteContract> = Input<C['body']>
export type ResponseOf<C extends RouteContract> = C['response'] extends z.ZodType
  ? z.output<C['response']>
  : undefined
