import * as client from 'openid-client'
import type { OidcProviderRow } from '../../db/schema.ts'

// Discovery documents rarely change; fetching once per provider version saves a round trip per sign-in.
const configurations = new Map<string, Promise<client.Configuration>>()

const isLoopback = (issuer: string) => {
  const { protocol, hostname } = new URL(issuer)
  return protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname)
}

/** The provider's OpenID configuration. Plain http is allowed only for a provider on this machine. */
export const oidcConfiguration = (provider: OidcProviderRow) => {
  const key = `${provider.id}:${provider.updated_at.getTime()}`
  let configuration = configurations.get(key)
  if (!configuration) {
    configuration = client.discovery(
      new URL(provider.issuer),
      provider.client_id,
      provider.client_secret,
      undefined,
      isLoopback(provider.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    configuration.catch(() => configurations.delete(key))
    configurations.set(key, configuration)
  }
  return configuration
}

export { client }
