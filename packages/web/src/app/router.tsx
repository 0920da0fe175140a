/**
 * Routes of the reader portal (/, /sign-in, /account) and the staff console (/staff/*).
 *
 * Selectors for browser tests (Playwright). Prefer these data-testids; labels follow the language.
 *
 * Everywhere
 *   language-switch            the 中文 / English switch (reader header, staff header, sign-in page)
 *   language-zh-CN, language-en  its two options (click these)
 *   page-loading, page-error, page-error-retry, empty-hint, not-allowed
 * Sign-in (/sign-in, also /sign-in?library=<code>&returnTo=/path)
 *   sign-in-library            library select (antd Select: click it, then the option)
 *   sign-in-library-option-<code>, sign-in-library-option-consortium   the options in its dropdown
 *   sign-in-reader-number, sign-in-password, sign-in-submit
 *   sign-in-error              problem detail after a failed sign-in (role=alert)
 *   sign-in-sso-error          message for ?sso_error=…;  sign-in-sso-<providerId>  campus sign-in links
 * Reader home (/)
 *   home-greeting, home-library, opening-days, opening-today, opening-day-<YYYY-MM-DD>
 *   service-account, service-staff (staff only), nav-account (header)
 * Account (/account)
 *   account-page, account-profile, account-email, account-phone, account-save-contact,
 *   account-current-password, account-new-password, account-confirm-password, account-change-password,
 *   account-sign-out, account-sign-out-everywhere, confirm-ok (the confirmation dialog's OK)
 * Staff console (/staff)
 *   staff-menu (antd Menu; items are links by name), staff-menu-toggle, staff-account-name,
 *   staff-where, staff-sign-out, staff-overview
 * Accounts (/staff/accounts)
 *   accounts-page, account-create-open, accounts-search, accounts-filter-role|type|status|library,
 *   accounts-table (rows carry data-row-key=<account id>; find a row by its text),
 *   account-edit, account-roles, account-reset-password (inside each row), accounts-load-more
 *   drawer: account-drawer, account-form-library (consortium admin), account-form-reader-number,
 *   account-form-name, account-form-type (radio buttons, by label), account-form-department,
 *   account-form-email, account-form-phone, account-form-password, account-form-confirm,
 *   account-form-roles (checkboxes, by label), account-form-status, account-form-submit
 *   roles dialog: roles-checkboxes, roles-subject-departments, roles-submit
 *   password dialog: reset-password-new, reset-password-confirm, reset-password-submit
 * Audit (/staff/audit)
 *   audit-page, audit-filter-action, audit-filter-entity, audit-filter-dates, audit-filter-library,
 *   audit-table (click a row to expand), audit-changes (the expanded before → after table), audit-load-more
 * Libraries (/staff/libraries?tab=all|info|calendar|departments&library=<id>)
 *   libraries-page, libraries-tab-<tab>, library-picker, library-add, library-create-submit,
 *   libraries-table, library-save, library-weekdays, library-calendar, calendar-day-<YYYY-MM-DD>,
 *   calendar-range, calendar-mode, calendar-note, calendar-save, departments-table, department-code,
 *   department-name-zh, department-name-en, department-add
 * Campus sign-in settings (/staff/sso)
 *   sso-page, sso-library-picker, sso-add, sso-table, sso-edit, sso-drawer, sso-form-label, sso-form-issuer,
 *   sso-form-client-id, sso-form-client-secret, sso-form-reader-number-claim, sso-form-name-claim,
 *   sso-form-create-accounts, sso-form-enabled, sso-form-submit
 */
import { accounts, audit, ssoAdmin } from '@shuqiao/contracts'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { HomePage } from '../features/portal/home-page.tsx'
import { AccountPage } from '../features/session/account-page.tsx'
import { SignInPage } from '../features/session/sign-in-page.tsx'
import { RequireAccess, RequireSignIn, RequireStaff } from './guards.tsx'
import { NotFoundPage } from './not-found-page.tsx'
import { PageLoading } from './page-states.tsx'
import { ReaderLayout } from './reader-layout.tsx'
import { RouteError } from './route-error.tsx'

// The staff console is loaded on first visit, so readers on phones download only the portal.
const staff = {
  layout: async () => ({ Component: (await import('./staff-layout.tsx')).StaffLayout }),
  overview: async () => ({ Component: (await import('../features/staff/overview-page.tsx')).OverviewPage }),
  libraries: async () => ({
    Component: (await import('../features/libraries/libraries-page.tsx')).LibrariesPage,
  }),
  accounts: async () => ({
    Component: (await import('../features/accounts/accounts-page.tsx')).AccountsPage,
  }),
  audit: async () => ({ Component: (await import('../features/audit/audit-page.tsx')).AuditPage }),
  sso: async () => ({ Component: (await import('../features/sso/sso-page.tsx')).SsoPage }),
}

const router = createBrowserRouter([
  {
    hydrateFallbackElement: <PageLoading rows={6} />,
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: <RequireSignIn />,
        children: [
          {
            element: <ReaderLayout />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'account', element: <AccountPage /> },
            ],
          },
          {
            path: 'staff',
            element: <RequireStaff />,
            children: [
              {
                lazy: staff.layout,
                children: [
                  { index: true, lazy: staff.overview },
                  { path: 'libraries', lazy: staff.libraries },
                  {
                    element: <RequireAccess contract={accounts.listAccounts} />,
                    children: [{ path: 'accounts', lazy: staff.accounts }],
                  },
                  {
                    element: <RequireAccess contract={audit.listAuditEvents} />,
                    children: [{ path: 'audit', lazy: staff.audit }],
                  },
                  {
                    element: <RequireAccess contract={ssoAdmin.listOidcProviders} />,
                    children: [{ path: 'sso', lazy: staff.sso }],
                  },
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
      { element: <ReaderLayout />, children: [{ path: '*', element: <NotFoundPage /> }] },
    ],
  },
])

export const AppRouter = () => <RouterProvider router={router} />
