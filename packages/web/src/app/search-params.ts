import type { SetURLSearchParams } from 'react-router'

/**
 * A list page's filters live in the address, so a shared link or the back button finds the list
 * as it was. Sets the given filters, removing those given as empty, and replaces the history entry
 * rather than adding one per keystroke.
 */
export const searchChanger = (setSearch: SetURLSearchParams) => (next: Record<string, string | undefined>) =>
  setSearch(
    (current) => {
      const updated = new URLSearchParams(current)
      for (const [key, value] of Object.entries(next)) {
        if (value === undefined || value === '') updated.delete(key)
        else updated.set(key, value)
      }
      return updated
    },
    { replace: true },
  )
