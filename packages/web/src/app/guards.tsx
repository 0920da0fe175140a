import type { RouteContract } from '@shuqiao/contracts'
import { App as AntApp } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, Outlet, useLocation } from 'react-router'
import { useMe } from '../features/session/queries.ts'
import { isStaffAccount, mayCall } from './access.ts'
import { NotAllowed, PageError, PageLoading } from './page-states.tsx'
import { SignedInContext, useSignedIn } from './signed-in.ts'

/** Renders the nested routes for a signed-in account; sends everyone else to sign in and back. */
export const RequireSignIn = () => {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) return <PageLoading rows={6} />
  if (me.isError) return <PageError error={me.error} onRetry={() => void me.refetch()} backTo="/sign-in" />
  if (!me.data) {
    const returnTo = `${location.pathname}${location.search}`
    const search = returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`
    return <Navigate to={`/sign-in${search}`} replace />
  }
  return (
    <SignedInContext.Provider value={me.data}>
      <Outlet />
    </SignedInContext.Provider>
  )
}

const RedirectWithNotice = ({ to, notice }: { to: string; notice: string }) => {
  const { message } = AntApp.useApp()
  useEffect(() => {
    message.warning({ content: notice, key: 'redirect-notice' })
  }, [message, notice])
  return <Navigate to={to} replace />
}

/** The staff console is for library staff and the consortium admin; readers go back home. */
export const RequireStaff = () => {
  const { t } = useTranslation(['staff', 'common'])
  const me = useSignedIn()
  if (!isStaffAccount(me)) return <RedirectWithNotice to="/" notice={t('onlyStaff')} />
  return <Outlet />
}

/** Opens a page only for the roles its main API route allows. */
export const RequireAccess = ({ contract }: { contract: Pick<RouteContract, 'access'> }) => {
  const me = useSignedIn()
  return mayCall(me, contract) ? <Outlet /> : <NotAllowed backTo="/staff" />
}
