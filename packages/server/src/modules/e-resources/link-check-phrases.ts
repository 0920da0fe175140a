import type { access } from '@shuqiao/contracts'
import type { PlatformRules } from './link-check/link-check.ts'

/**
 * The link checker's phrase rules, keyed by host, from the platforms of the libraries in a run.
 * One run checks each address once for every library that lists it, so a host's phrases are the
 * union of those libraries' phrases for it: they describe the vendor's pages, not the library.
 * Rules given to the engine directly (tests, benchmarks) are kept as well.
 */
export const platformRulesOf = (
  platformLists: readonly (readonly access.AccessPlatform[])[],
  given: Record<string, PlatformRules> = {},
) => {
  const rules = new Map<string, { soft404: Set<string>; login: Set<string> }>()
  const add = (host: string, soft404: readonly string[] = [], login: readonly string[] = []) => {
    if (soft404.length === 0 && login.length === 0) return
    const key = host.toLowerCase()
    const entry = rules.get(key) ?? { soft404: new Set<string>(), login: new Set<string>() }
    rules.set(key, entry)
    for (const phrase of soft404) entry.soft404.add(phrase)
    for (const phrase of login) entry.login.add(phrase)
  }
  for (const [host, rule] of Object.entries(given)) add(host, rule.soft404, rule.login)
  for (const platforms of platformLists)
    for (const platform of platforms)
      for (const host of platform.hosts) add(host, platform.soft404Phrases, platform.loginPhrases)
  return Object.fromEntries(
    [...rules].map(([host, entry]) => [host, { soft404: [...entry.soft404], login: [...entry.login] }]),
  ) as Record<string, PlatformRules>
}
