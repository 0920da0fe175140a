import { type BodyInputOf, ssoAdmin } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/client.ts'

export const useOidcProviders = (libraryId: string | undefined) =>
  useQuery({
    queryKey: ['oidc-providers', libraryId],
    queryFn: () => call(ssoAdmin.listOidcProviders, { params: { libraryId: libraryId! } }),
    enabled: !!libraryId,
  })

const useInvalidate = () => {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['oidc-providers'] }),
      queryClient.invalidateQueries({ queryKey: ['sso-providers'] }),
    ])
}

export const useCreateOidcProvider = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: ({
      libraryId,
      body,
    }: {
      libraryId: string
      body: BodyInputOf<typeof ssoAdmin.saveOidcProvider>
    }) => call(ssoAdmin.saveOidcProvider, { params: { libraryId }, body }),
    onSuccess: invalidate,
  })
}

export const useUpdateOidcProvider = () => {
  const invalidate = useInvalidate()
  return useMutation({
    mutationFn: ({
      libraryId,
      providerId,
      body,
    }: {
      libraryId: string
      providerId: string
      body: BodyInputOf<typeof ssoAdmin.updateOidcProvider>
    }) => call(ssoAdmin.updateOidcProvider, { params: { libraryId, providerId }, body }),
    onSuccess: invalidate,
  })
}
