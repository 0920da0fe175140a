// The slice of oidc-provider the campus sign-in test uses (the package ships no types).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  interface ProviderAccount {
    accountId: string
    claims: () => Promise<Record<string, unknown>>
  }
  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Record<string, unknown>[]
        claims?: Record<string, string[]>
        findAccount?: (ctx: unknown, sub: string) => Promise<ProviderAccount | undefined>
        cookies?: { keys: string[] }
      },
    )
    callback(): (request: IncomingMessage, response: ServerResponse) => void
  }
}
