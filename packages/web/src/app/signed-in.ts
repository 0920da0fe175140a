import type { session } from '@shuqiao/contracts'
import { createContext, useContext } from 'react'

/**
 * The account a page behind RequireSignIn renders for. Pages read it from here rather than from
 * the `me` query, so signing out unmounts them through the guard instead of re-rendering them
 * with nobody signed in.
 */
export const SignedInContext = createContext<session.Me | null>(null)

export const useSignedIn = (): session.Me => {
  const me = useContext(SignedInContext)
  if (!me) throw new Error('useSignedIn() is only for pages behind RequireSignIn')
  return me
}
