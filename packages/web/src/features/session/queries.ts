import { type Language, libraries, session } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiProblem, call, isProblem } from '../../api/client.ts'
import { applyLanguage, chosenWhileSignedOut } from '../../app/i18n.ts'

export const meKey = ['me'] as const

const noRetryOnClientErrors = (failures: number, error: unknown) =>
  !(error instanceof ApiProblem && error.status > 0 && error.status < 500) && failures < 2

/** The signed-in account, or null when nobody is signed in (401 is an answer, not an error). */
export const useMe = () =>
  useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await call(session.getMe)
      } catch (error) {
        if (isProblem(error, 'unauthenticated')) return null
        throw error
      }
    },
    staleTime: 5 * 60_000,
    retry: noRetryOnClientErrors,
  })

/** Member libraries and the consortium; public, so the sign-in page can offer them. */
export const useLibraries = () =>
  useQuery({
    queryKey: ['libraries'],
    queryFn: () => call(libraries.listLibraries),
    staleTime: 10 * 60_000,
    retry: noRetryOnClientErrors,
  })

/** The time zone of the signed-in account's library (undefined until known, or for none). */
export const useMyLibraryTimeZone = () => {
  const me = useMe()
  const libraries = useLibraries()
  const libraryId = me.data?.library?.id
  return libraries.data?.items.find((library) => library.id === libraryId)?.timeZone
}

export const useSsoProviders = (libraryId: string | undefined) =>
  useQuery({
    queryKey: ['sso-providers', libraryId],
    queryFn: () => call(session.listSsoProviders, { query: { libraryId: libraryId! } }),
    enabled: !!libraryId,
    staleTime: 10 * 60_000,
    retry: noRetryOnClientErrors,
  })

export const useSignIn = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { libraryId?: string | undefined; readerNumber: string; password: string }) =>
      call(session.signIn, { body }),
    onSuccess: async (me) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'libraries' })
      const chosen = chosenWhileSignedOut.language
      chosenWhileSignedOut.language = undefined
      if (chosen && chosen !== me.language) {
        // Just picked on the sign-in page: keep it, and remember it on the account.
        queryClient.setQueryData(meKey, { ...me, language: chosen })
        call(session.updateMe, { body: { language: chosen } })
          .then((saved) => queryClient.setQueryData(meKey, saved))
          .catch(() => undefined)
        return
      }
      queryClient.setQueryData(meKey, me)
      await applyLanguage(me.language)
    },
  })
}

/** Signs out here (or everywhere) and forgets every cached answer of the account. */
export const useSignOut = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (scope: 'here' | 'everywhere') =>
      call(scope === 'here' ? session.signOut : session.signOutEverywhere),
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'libraries' })
      queryClient.setQueryData(meKey, null)
    },
  })
}

export const useUpdateMe = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { email?: string | null; phone?: string | null; language?: Language }) =>
      call(session.updateMe, { body }),
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  })
}

export const useChangePassword = () =>
  useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      call(session.changePassword, { body }),
  })

/** Switches the interface language; a signed-in account also keeps it on the server. */
export const useSwitchLanguage = () => {
  const queryClient = useQueryClient()
  return async (language: Language) => {
    const me = queryClient.getQueryData<session.Me | null>(meKey)
    if (me) queryClient.setQueryData(meKey, { ...me, language })
    else chosenWhileSignedOut.language = language
    await applyLanguage(language)
    if (!me) return
    try {
      queryClient.setQueryData(meKey, await call(session.updateMe, { body: { language } }))
    } catch {
      // The switch still works on this browser; the account setting follows on the next change.
    }
  }
}
