import 'i18next'
import type { zhCN } from '../locales/index.ts'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: typeof zhCN
    returnNull: false
  }
}
