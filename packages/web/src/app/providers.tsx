import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isProblem } from '../api/client.ts'
import { meKey, useMe } from '../features/session/queries.ts'
import { applyLanguage } from './i18n.ts'
import { theme } from './theme.ts'

const makeQueryClient = () => {
  const client: QueryClient = new QueryClient({
    // A 401 on any call means the session ended (expired, or signed out on another device).
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== meKey[0] && isProblem(error, 'unauthenticated'))
          client.setQueryData(meKey, null)
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isProblem(error, 'unauthenticated')) client.setQueryData(meKey, null)
      },
    }),
    defaultOptions: { queries: { refetchOnWindowFocus: false } },
  })
  return client
}

/** A signed-in account's saved language wins over what this browser remembered. */
const AccountLanguage = () => {
  const me = useMe().data
  const language = me?.language
  useEffect(() => {
    if (language) void applyLanguage(language)
  }, [language])
  return null
}

const Localized = ({ children }: { children: ReactNode }) => {
  const { i18n } = useTranslation()
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <AccountLanguage />
        {children}
      </AntApp>
    </ConfigProvider>
  )
}

export const Providers = ({ children }: { children: ReactNode }) => {
  const [queryClient] = useState(makeQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <Localized>{children}</Localized>
    </QueryClientProvider>
  )
}
