import enAccounts from './en/accounts.json'
import enAudit from './en/audit.json'
import enCatalogue from './en/catalogue.json'
import enCirculation from './en/circulation.json'
import enCommon from './en/common.json'
import enCourseCoverage from './en/courseCoverage.json'
import enCourseReserves from './en/courseReserves.json'
import enEResources from './en/eResources.json'
import enFiles from './en/files.json'
import enLibraries from './en/libraries.json'
import enLinkChecks from './en/linkChecks.json'
import enNotifications from './en/notifications.json'
import enOperations from './en/operations.json'
import enPortal from './en/portal.json'
import enReferenceDesk from './en/referenceDesk.json'
import enReferenceTickets from './en/referenceTickets.json'
import enRequests from './en/requests.json'
import enRoster from './en/roster.json'
import enSession from './en/session.json'
import enSimilarityChecks from './en/similarityChecks.json'
import enSso from './en/sso.json'
import enStaff from './en/staff.json'
import enTemplates from './en/templates.json'
import zhAccounts from './zh-CN/accounts.json'
import zhAudit from './zh-CN/audit.json'
import zhCatalogue from './zh-CN/catalogue.json'
import zhCirculation from './zh-CN/circulation.json'
import zhCommon from './zh-CN/common.json'
import zhCourseCoverage from './zh-CN/courseCoverage.json'
import zhCourseReserves from './zh-CN/courseReserves.json'
import zhEResources from './zh-CN/eResources.json'
import zhFiles from './zh-CN/files.json'
import zhLibraries from './zh-CN/libraries.json'
import zhLinkChecks from './zh-CN/linkChecks.json'
import zhNotifications from './zh-CN/notifications.json'
import zhOperations from './zh-CN/operations.json'
import zhPortal from './zh-CN/portal.json'
import zhReferenceDesk from './zh-CN/referenceDesk.json'
import zhReferenceTickets from './zh-CN/referenceTickets.json'
import zhRequests from './zh-CN/requests.json'
import zhRoster from './zh-CN/roster.json'
import zhSession from './zh-CN/session.json'
import zhSimilarityChecks from './zh-CN/similarityChecks.json'
import zhSso from './zh-CN/sso.json'
import zhStaff from './zh-CN/staff.json'
import zhTemplates from './zh-CN/templates.json'

/** zh-CN is the reference: its keys type every t() call; en must have exactly the same keys. */
export const zhCN = {
  common: zhCommon,
  session: zhSession,
  portal: zhPortal,
  staff: zhStaff,
  libraries: zhLibraries,
  accounts: zhAccounts,
  audit: zhAudit,
  sso: zhSso,
  notifications: zhNotifications,
  files: zhFiles,
  requests: zhRequests,
  similarityChecks: zhSimilarityChecks,
  catalogue: zhCatalogue,
  circulation: zhCirculation,
  templates: zhTemplates,
  eResources: zhEResources,
  linkChecks: zhLinkChecks,
  courseReserves: zhCourseReserves,
  referenceDesk: zhReferenceDesk,
  operations: zhOperations,
  roster: zhRoster,
  referenceTickets: zhReferenceTickets,
  courseCoverage: zhCourseCoverage,
}

export const en: typeof zhCN = {
  common: enCommon,
  session: enSession,
  portal: enPortal,
  staff: enStaff,
  libraries: enLibraries,
  accounts: enAccounts,
  audit: enAudit,
  sso: enSso,
  notifications: enNotifications,
  files: enFiles,
  requests: enRequests,
  similarityChecks: enSimilarityChecks,
  catalogue: enCatalogue,
  circulation: enCirculation,
  templates: enTemplates,
  eResources: enEResources,
  linkChecks: enLinkChecks,
  courseReserves: enCourseReserves,
  referenceDesk: enReferenceDesk,
  operations: enOperations,
  roster: enRoster,
  referenceTickets: enReferenceTickets,
  courseCoverage: enCourseCoverage,
}

export const resources = { 'zh-CN': zhCN, en }

export const NAMESPACES = Object.keys(zhCN) as (keyof typeof zhCN)[]
