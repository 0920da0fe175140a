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
 *   staff-menu (antd Menu; items are links by name; the reference desk's pages are in the 在线咨询 submenu,
 *   open on its pages, click its .ant-menu-submenu-title elsewhere), staff-menu-toggle, staff-account-name,
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
 * Notices, reader side (/inbox)
 *   nav-notices (the bell in the reader header), nav-notices-count (its unread badge),
 *   inbox-page, inbox-filter (antd Segmented: 全部 / 未读, by label), inbox-mark-all, inbox-list,
 *   inbox-item (each carries data-notice-id and data-unread=true|false; click its subject to open and mark read),
 *   inbox-load-more
 * Notification channels (/staff/notifications?library=<id>)
 *   notice-channels-page, notice-library-picker (consortium admin), notice-channel-add, notice-channels-table
 *   (rows carry data-row-key=<channel id>), notice-channel-edit, notice-channel-test, notice-channel-delete
 *   (then confirm-ok), drawer: notice-channel-drawer, notice-form-name, notice-form-kind (radio buttons, by
 *   label), notice-form-url, notice-form-secret, notice-form-remove-secret, notice-form-events (antd Select,
 *   multiple), notice-form-enabled, notice-form-submit
 *   deliveries: notice-deliveries, notice-deliveries-filter-status, notice-deliveries-filter-channel,
 *   notice-deliveries-refresh, notice-deliveries-table (rows carry data-row-key=<delivery id>),
 *   notice-delivery-retry (failed and dead rows), notice-deliveries-load-more
 * Service requests, reader side (/services, /services/<type>/new, /requests, /requests/<id>)
 *   nav-requests (reader header), home-request-services, home-my-requests, home-all-services,
 *   home-service-<type> (home cards; <type> is the request type code, e.g. document_delivery)
 *   services-page, services-my-requests, service-type-<type> (a card), service-fee-<type>, service-new-<type>
 *   request-form-page, request-form, request-fee, request-field-<field name> (the control; choices are
 *   radio buttons / checkboxes found by label), request-files (upload, types with attachments),
 *   request-form-error, request-submit, request-form-unknown, request-subject (对口学科, an antd Select of the
 *   library's departments, types assigned by subject only)
 *   my-requests-page, my-requests-new, my-requests-filter-type, my-requests-list,
 *   my-request-item (each carries data-request-number), my-requests-load-more
 *   request-page, request-number, request-status, request-your-turn, request-values, request-actions,
 *   request-subject-name (the request's subject, also on the staff page),
 *   request-action-<action> (e.g. request-action-cancel),
 *   request-timeline, timeline-event (data-kind=submitted|transition|comment|assigned, data-internal),
 *   timeline-note, timeline-files, timeline-internal (the 内部备注 / Internal tag, staff only),
 *   request-comment-input, request-comment-files, request-comment-submit
 *   request-confirmation-ready, request-confirmation (link to the printable confirmation, e.g. 离校确认单)
 *   correcting a returned request (its resubmit action opens it in place of request-values):
 *   request-correct, request-correct-reason, request-correct-form (with request-field-<field name>),
 *   request-correct-note, request-correct-files, request-correct-error, request-correct-submit,
 *   request-correct-cancel; timeline-changes (a resubmission's changed fields, li data-field=<name>)
 * Confirmation (/requests/<id>/confirmation): confirmation, confirmation-code, confirmation-print,
 *   confirmation-not-yet.  Public check (/verify, /verify/<code>): verify-page, verify-code, verify-submit,
 *   verify-result, verify-not-found
 *   transition dialog: transition-modal (its body), transition-note, transition-files (required when the
 *   step needs a result file), transition-internal-note (staff), transition-submit
 * Service requests, staff side (/staff/requests?type=&status=&assignee=me|unassigned&open=0&overdue=1&q=&library=
 *   &subject=)
 *   staff-requests-page, requests-figures-link, requests-search, requests-filter-type|status|assignee|open|
 *   overdue|library|subject, requests-table (rows carry data-row-key=<request id>; requests-open is the number link),
 *   requests-load-more, requests-bulk, requests-assign-me, requests-unassign, requests-assign-to (admins),
 *   requests-bulk-assign, requests-export-csv, requests-export-xlsx (download the filtered queue),
 *   requests-templates-link
 *   detail (/staff/requests/<id>): staff-request-page, request-summary, request-assignee, request-assign-me,
 *   request-unassign, request-no-actions, request-comment-internal (switch), request-corrected (the
 *   reader's latest correction) with request-value-changed (data-field=<name>), and the reader-side ids above;
 *   reply-template-picker (in the transition dialog) and comment-template-picker (above the comment box):
 *   antd Selects whose options (reply-template-option, found by title) insert the filled-in text;
 *   reply-template-none (nothing fits), reply-template-manage (link to the templates page)
 * Reply templates (/staff/requests/templates?type=&action=&owner=library|mine&library=)
 *   templates-page, template-add, templates-search, templates-filter-type|action|owner|library,
 *   templates-table (rows carry data-row-key=<template id>), template-edit, template-delete (then confirm-ok)
 *   dialog: template-form, template-form-library (consortium admin), template-form-scope (radio buttons, by
 *   label), template-form-type, template-form-action, template-form-title-zh, template-form-body-zh,
 *   template-placeholders-zh (click a chip to insert), template-preview-zh, template-form-title-en,
 *   template-form-body-en, template-placeholders-en, template-preview-en, template-form-submit
 *   figures (/staff/requests/figures): figures-page, figures-range (both inputs of a range carry the id;
 *   fee-waiver-range too), figures-library, figures-table,
 *   figures-export-csv, figures-export-xlsx, fee-waiver-panel, fee-waiver-current, fee-waiver-end-<type>, fee-waiver-library,
 *   fee-waiver-type, fee-waiver-range, fee-waiver-note, fee-waiver-submit, fee-waiver-end, confirm-ok,
 *   teams-panel, teams-library (consortium admin), teams-table, teams-members-<type> (antd Select, multiple; admins)
 * Thesis similarity checks, staff side (/staff/similarity-checks?library=&degree=&service=&state=open|done&q=)
 *   similarity-batches-page, similarity-batch-new, similarity-batches-search, similarity-batches-filter-library|
 *   degree|service|state, similarity-batches-table (rows carry data-row-key=<batch id>; similarity-batch-open
 *   is the name link), empty-hint
 *   batch form (drawer): batch-drawer, batch-form-name, batch-form-degree (radio buttons, by label),
 *   batch-form-threshold, batch-form-origin, batch-form-source, batch-form-service, batch-form-service-note,
 *   batch-form-due, batch-form-notes, batch-form-submit
 *   batch (/staff/similarity-checks/<id>?status=&verdict=passed|failed&department=&q=): similarity-batch-page,
 *   similarity-batch-name, similarity-batch-threshold, similarity-batch-counts, similarity-count-<total|waiting|
 *   submitted|checked|passed|failed|returned|withdrawn> (buttons that filter), similarity-export (menu),
 *   similarity-export-xlsx, similarity-export-csv, similarity-batch-edit, similarity-batch-delete (then confirm-ok),
 *   similarity-import-list, similarity-import-results, similarity-add-thesis, similarity-submit-all (then
 *   confirm-ok), similarity-theses-search, similarity-theses-filter-status|verdict|department,
 *   similarity-theses-table (rows carry data-row-key=<thesis id>; click a row for the drawer),
 *   thesis-row-<action> (the row's main step, e.g. thesis-row-record), thesis-row-more (the other steps),
 *   similarity-bulk, similarity-bulk-<action> (after ticking rows)
 *   import dialog: import-modal, import-template, import-upload (its file input: input[type=file]),
 *   import-summary, import-problems (errors by line), import-warning-<code>, import-ready, import-failure,
 *   import-apply
 *   step dialog: step-modal, step-percent, step-verdict, step-report (upload), step-note, step-submit
 *   thesis drawer: thesis-drawer, thesis-status, thesis-verdict, thesis-steps, thesis-step-<action>,
 *   thesis-edit, thesis-report-upload, thesis-file-upload, thesis-history
 *   add dialog: add-thesis-form, add-thesis-reader-number, add-thesis-author, add-thesis-title
 * Thesis similarity checks, reader side (/thesis-checks)
 *   home-thesis-checks (home card, only for graduates with a thesis in a batch), my-thesis-checks-page,
 *   my-thesis-check (each carries data-thesis-id), thesis-status, my-thesis-result, my-thesis-report
 *   holdings (staff request page, for types whose form has isbn and title): request-holdings, and the panel below
 * Holdings panel (request forms with isbn + title fields, e.g. purchase_suggestion; staff request page)
 *   holdings-panel (data-matched=checking|isbn|title|none|failed), holdings-title, holdings-item, holdings-shelf
 * Catalogue, reader side (/catalogue?q=&library=)
 *   nav-catalogue (reader header), home-catalogue-search (search box on the reader home; press Enter),
 *   reader-catalogue-page, reader-catalogue-start (hint before a search), reader-catalogue-library
 *   (consortium admin), reader-catalogue-search (antd Input.Search: fill its input, press Enter),
 *   reader-catalogue-list, reader-catalogue-item (one per book, data-isbn), reader-catalogue-availability
 *   (tag, data-status), reader-catalogue-load-more, reader-catalogue-suggest (empty result: suggest a
 *   purchase, title filled in)
 * Catalogue, staff side (/staff/catalogue?tab=items|imports&q=&status=&type=&location=&library=)
 *   catalogue-page, catalogue-tab-items, catalogue-tab-imports, catalogue-library-picker (consortium admin),
 *   catalogue-import-open, catalogue-sample (download link), catalogue-search, catalogue-filter-location|status|
 *   type, catalogue-clear-filters, catalogue-table (item-status tags carry data-status), catalogue-load-more
 *   upload dialog: import-modal, import-upload (the drop area; set files on its input[type=file]),
 *   import-progress, import-error
 *   history: imports-table, import-open (file name link), import-apply, import-discard (previewed rows, then
 *   confirm-ok), imports-load-more
 *   import (/staff/catalogue/imports/<id>): import-page, import-status (data-status=previewed|applied|
 *   discarded), import-counts, import-count-rows|valid|errors|warnings, import-result, import-columns,
 *   import-column-ignored, import-problems-filter (antd Segmented, by label), import-problems (rows carry
 *   data-line and data-severity), import-problems-none, import-sample, import-apply, import-discard, confirm-ok
 * E-resources, reader side (/resources?library=<code>&q=&initial=&subject=&kind=&free=1&novpn=1, public;
 * /resources/<id>?from=go; /link-builder, also /staff/link-builder)
 *   nav-resources (reader header), nav-link-builder (reader header, wider than a phone), service-resources,
 *   service-link-builder (home cards)
 *   directory-page, directory-library (library picker for a guest without ?library), directory-library-name,
 *   directory-sign-in (guests), directory-link-builder, directory-search (debounced), directory-tab-all,
 *   directory-tab-free (antd Segmented labels), directory-subject, directory-kind, directory-without-vpn,
 *   directory-letters, directory-letter-all, directory-letter-<A–Z|#>, directory-list, directory-item (one per
 *   resource, data-resource-id), directory-item-routes (tags carry data-route), resource-free-until,
 *   directory-load-more, directory-clear
 *   resource-page, resource-back, resource-from-go (the off-campus notice), resource-name, resource-vendor,
 *   resource-description, resource-subjects, resource-status (staff looking at an unpublished one),
 *   resource-access, access-panel, access-none, access-routes, access-route (data-route=<kind>, the first is
 *   recommended: access-recommended), access-note, access-unconfirmed, access-go-<kind> (link to /go/<id>?route=
 *   <kind>, new tab), access-guide (VPN guide), access-remember (checkbox: the shuqiao_route cookie),
 *   access-remember-box, access-forget, resource-on-campus, resource-not-found
 *   link-builder-page, link-builder-input, link-builder-submit, link-builder-results, link-builder-copy-all,
 *   link-builder-csv, link-builder-table (desk) or link-builder-list (phone), link-builder-resource,
 *   link-builder-problem, link-builder-links, link-builder-link (rows carry data-route)
 * E-resources, staff side (/staff/resources?q=&status=&kind=&subject=, /staff/resources/settings,
 * /staff/resources/usage)
 *   staff-resources-page, resources-tab-list|settings|usage, resource-add, resources-search,
 *   resources-filter-status|kind|subject, resources-table (rows carry data-row-key=<resource id>),
 *   resource-status (data-status), resource-free-period, resource-edit, resource-action-<status> (the row's
 *   next step, or in the resource-more menu; then confirm-ok), resources-load-more
 *   drawer: resource-drawer, resource-form-name-zh, resource-form-name-en, resource-form-aliases,
 *   resource-form-kind, resource-form-vendor, resource-form-url, resource-form-subjects, resource-form-platform,
 *   resource-form-owner, resource-form-free-from, resource-form-free-until (date inputs: fill, press Enter),
 *   route-editor, route-editor-item (data-route), route-up, route-down, route-remove, route-url, route-value-key,
 *   route-value-value, route-note-zh, route-note-en, route-add then route-add-<kind>, resource-form-description-zh,
 *   resource-form-description-en, resource-form-submit
 *   settings: access-settings-page, settings-read-only (librarians), access-settings-form, settings-campus-networks,
 *   settings-proxy-host, settings-proxy-mode, settings-proxy-parameter, settings-proxy-dashes, settings-carsi,
 *   settings-webvpn-host, settings-webvpn-key, settings-webvpn-iv, settings-openathens, settings-vpn-guide,
 *   settings-roaming-zh, settings-roaming-en, settings-save, platforms-table, platform-edit, platform-add,
 *   platform-form-code|name|template|confirmed|hosts, platform-form-submit
 *   usage: usage-page, usage-range, usage-export-csv, usage-total, usage-chart (bars carry data-day and
 *   data-clicks), usage-table
 * Reference desk, reader side (/ask, public; guests choose ?library=<code>)
 *   service-ask (home card), ask-page, ask-library (guests), ask-nickname (guests), ask-topics,
 *   ask-topic-<queue code> (card), ask-topic-status-<code> (data-online=true|false), ask-start-<code>,
 *   ask-sign-in-<code> (guests, queues for signed-in readers only), ask-all-topics (the other topics when the
 *   address names one, ?queue=<code>); ?embed=1 (the widget's frame, also on /faq): embed-main instead of the
 *   portal's header and footer
 * Widget on a library's homepage (/widget.js): shuqiao-widget-button (data-online), its frame iframe[src*="/ask"]
 *   chat: chat-connection (banner while not connected; data-status=connecting|reconnecting|refused),
 *   chat-panel (data-conversation-id), chat-status (data-status=waiting|active|closed, data-position),
 *   chat-end (then the popconfirm's OK), chat-new, chat-messages, chat-message (data-seq, data-kind=text|note),
 *   chat-text, chat-read-mark (data-read=true|false), chat-event (data-event=started|claimed|assigned|
 *   transferred|closed), chat-pending, chat-failed, chat-retry, chat-typing, chat-composer, chat-input
 *   (Enter sends), chat-send, chat-note-toggle (staff), chat-note-tag, chat-length
 * FAQ, reader side (/faq, public; guests choose ?library=<code>): faq-page, faq-library (guests), faq-search,
 *   faq-topics, faq-topic-<queue code>, faq-list, faq-question (data-article-id), faq-answer, faq-empty;
 *   on /ask while the first question is typed: faq-suggestions
 * FAQ, staff side (/staff/reference-desk/faq): faq-manage-page, faq-add, faq-filter-q, faq-table, faq-form,
 *   faq-form-question-zh, faq-form-answer-zh, faq-form-submit, faq-delete; in a desk chat: desk-faq,
 *   desk-faq-search, faq-insert
 * Duty roster (/staff/reference-desk/roster): roster-page, roster-previous, roster-this-week, roster-next,
 *   roster-week (data-monday), roster-queue-<queue code>, roster-coverage-<queue code> (data-gaps), roster-day
 *   (data-day), roster-block (data-shift-id), roster-gap (data-start, data-end), shift-add, shift-table,
 *   shift-form, shift-form-queue, shift-form-librarian, shift-form-lead, shift-form-starts-on, shift-form-start,
 *   shift-form-end, shift-form-rrule, shift-form-skipped, shift-form-submit, shift-delete
 * Canned replies (/staff/reference-desk/canned-replies): canned-page, canned-add, canned-table, canned-form,
 *   canned-form-scope, canned-form-code, canned-form-title, canned-form-body, canned-form-submit, canned-delete;
 *   in a desk chat: canned-picker, canned-pick (data-code); typing /code and a space in chat-input inserts it
 * On /ask (signed in): ask-subject (the discipline picker)
 * Tickets, reader side (/questions, signed in): my-questions-page, ticket-ask, ticket-ask-form, ticket-ask-topic,
 *   ticket-ask-subject, ticket-ask-text, ticket-ask-submit, my-questions-list, my-question (data-ticket-number);
 *   /questions/:id: my-question-page, ticket-thread, ticket-post (data-kind, data-side), ticket-status
 *   (data-status), ticket-reply-text, ticket-reply-send, ticket-closed-hint. In an ended chat:
 *   chat-transcript-download, chat-transcript-email. On /ask a topic nobody is on duty for has ask-leave-<code>
 *   instead of ask-start-<code> (a ticket, not a chat); under the topics: ask-leave-question (opens the form
 *   with no topic); signed in: ask-question-form, ask-question-topic, ask-question-subject, ask-question-text,
 *   ask-question-submit, ask-question-sent (with ask-question-open, the ticket in 我的咨询); guests:
 *   guest-question-form, guest-question-name, guest-question-email, guest-question-subject,
 *   guest-question-text, guest-question-submit, guest-question-sent
 * Tickets, staff side (/staff/reference-desk/tickets): tickets-page, tickets-filter-q, tickets-filter-status,
 *   tickets-filter-topic, tickets-filter-assignee, tickets-table, ticket-row, tickets-more, ticket-phone,
 *   ticket-phone-form, ticket-phone-reader, ticket-phone-subject, ticket-phone-text, ticket-phone-submit;
 *   /staff/reference-desk/tickets/:id: ticket-page, ticket-thread, ticket-mode-reply, ticket-mode-note,
 *   ticket-reply-text, ticket-reply-send, ticket-status-select, ticket-assignee-select, ticket-event,
 *   ticket-transcript
 * Transcripts (/staff/reference-desk/transcripts): transcripts-page, transcripts-search, transcripts-list,
 *   transcript-hit (data-conversation-id), transcript-download, transcript-email
 * Reference desk, staff side (/staff/reference-desk)
 *   desk-page, desk-duty, duty-toggle-<queue code> (antd Switch; data-on), duty-limit, duty-active,
 *   desk-waiting, waiting-item (data-conversation-id), waiting-claim, desk-chats, desk-chat-tab (tab labels),
 *   desk-chat-head, desk-chat-status (data-status), desk-transfer, desk-close then desk-close-confirm,
 *   transfer dialog: transfer-form, transfer-target (radio buttons, by label), transfer-person (antd Select),
 *   transfer-queue, transfer-note, transfer-submit
 * Link checks of e-resources (/staff/resources/link-checks?view=broken|needs_person|recent|dismissed&q=&outcome=
 *   &flagged=true&mine=true)
 *   link-checks-page, link-run-all, link-run-failing, link-check-run (the latest run; data-status=running|done|
 *   failed), link-checks-tab-<view>, link-checks-search, link-checks-filter-outcome (recent), link-checks-filter-
 *   flagged (broken), link-checks-filter-mine, link-checks-refresh, link-checks-table (rows carry data-resource-id;
 *   outcome tags carry data-outcome), link-flagged, link-recheck, link-dismiss, link-history (in each row),
 *   link-checks-load-more
 *   dismiss dialog: link-dismiss-form, link-dismiss-days, link-dismiss-note, link-dismiss-submit
 *   history drawer: link-history-drawer, link-history-state, link-history-table
 * Course reserves, staff side (/staff/course-reserves?term=&q=&teacher=&department=&category=,
 * /staff/course-reserves/terms, /staff/course-reserves/courses/<id>)
 *   courses-page, course-terms-link, course-import-open, courses-filter-term|teacher|department|category,
 *   courses-search, courses-table (rows carry data-row-key=<course id>; course-open is the name link), empty-hint
 *   import dialog: course-import-modal, course-import-sample-courses, course-import-sample-enrolments,
 *   course-import-upload (its file input: input[type=file]), course-import-mapping, course-import-field-<field>
 *   (antd Select per field, e.g. course-import-field-courseCode), course-import-recheck, course-import-summary,
 *   course-import-counts, course-import-problems (rows carry data-line and data-severity), course-import-errors,
 *   course-import-ready, course-import-failure, course-import-apply, course-import-done, course-import-close
 *   course (detail): course-page, course-back, course-summary, course-enrolled, course-teachers, course-teacher,
 *   course-classes, and its titles (course-titles, below);  terms: terms-page, term-add, terms-table, term-edit,
 *   term-make-current, term-drawer, term-form-code|name-zh|name-en|dates|current, term-form-submit
 *   course-reserves-nav (antd Segmented), course-reserves-nav-courses|titles|holdings|publishers (its options' labels)
 * Requested titles, staff side (/staff/course-reserves/titles?term=&q=&course=&department=&status=&match=)
 *   titles-page, titles-match, titles-import-open (titles-import-empty in the empty table), titles-summary
 *   (tags carry data-figure=published|proposed|unmatched), titles-filter-term|course|department|status|match,
 *   titles-search, titles-table (rows carry data-row-key=<title id>; titles with proposals open below their
 *   row), title-status (data-status), title-proposal-count, title-proposals, title-proposal
 *   (data-state=proposed|accepted, data-match-id; its tag carries data-match-kind=isbn|title_author|title),
 *   proposal-accept, proposal-reject, proposal-undo
 *   demand list dialog: demand-import-modal, demand-import-sample, demand-import-upload (input[type=file]),
 *   demand-import-mapping, demand-import-field-<field>, demand-import-counts, demand-import-problems (rows carry
 *   data-line, data-severity), demand-import-ready, demand-import-failure, demand-import-apply,
 *   demand-import-done, demand-import-close
 *   fulfilment: titles-filter-assignee (me | none | an account), titles-bulk, titles-bulk-assign (antd Select),
 *   title-assignee, title-work-open; title-work-drawer with title-assignee-select, title-publisher-select,
 *   title-status-form, title-status-select|channel|link|platform|reason|note, title-status-submit,
 *   title-unavailable-reason, title-history, title-history-item (data-kind=status|assigned, data-to)
 * Publishers (/staff/course-reserves/publishers?q=&state=pending|contacted|never&publisher=<id>)
 *   publishers-page, publisher-add, publishers-totals (tags carry data-figure), publishers-search,
 *   publishers-filter-state, publishers-table (rows carry data-row-key=<publisher id>; figures data-figure),
 *   publisher-open; publisher-form-drawer, publisher-form-name|contact|email|phone|note, publisher-form-submit;
 *   publisher-drawer, publisher-edit, publisher-figures, contact-form, contact-form-kind|date|titles|note,
 *   contact-form-submit, publisher-contacts, publisher-contact (data-kind), publisher-titles
 * E-holdings (/staff/course-reserves/e-holdings)
 *   holdings-page, holdings-import-open (holdings-import-empty in the empty table), platforms-table (rows
 *   carry data-row-key=<platform id>), platform-title-count, platform-open-access (switch), platform-reimport
 *   import dialog: holdings-import-modal, holdings-import-sample, holdings-import-target (radio buttons, by label),
 *   holdings-import-name, holdings-import-open-access, holdings-import-platform (antd Select),
 *   holdings-import-upload (input[type=file]), holdings-import-preview, holdings-import-counts,
 *   holdings-import-problems, holdings-import-ready, holdings-import-failure, holdings-import-apply,
 *   holdings-import-done, holdings-see-proposals, holdings-import-close
 * Coverage (/staff/course-reserves/coverage?term=&category=&department=)
 *   coverage-page, course-reserves-nav-coverage, coverage-filter-term|category|department, coverage-figures,
 *   coverage-figure (data-figure=coverage|partial|fill; its coverage-figure-value, coverage-definition),
 *   coverage-target-gap, coverage-target (antd InputNumber), coverage-target-save, coverage-chart-progress,
 *   coverage-tabs, coverage-tab-category|department|publisher, coverage-chart-groups,
 *   coverage-table-category|department|publisher, coverage-export-figures-csv|xlsx, coverage-export-series-csv|xlsx
 * A course's titles (in /my-courses/<id> for its teachers, and on the staff course page)
 *   my-course-open (link on a taught course's card in /my-courses), my-course-page, my-course-back,
 *   my-course-student (a student's note), course-titles, title-add, title-add-mode (antd Segmented: ISBN /
 *   书名 / 粘贴书单, by label), title-isbn, title-isbn-add, title-fields, title-field-title|author|publisher|
 *   edition, title-fields-add, title-add-error, title-paste, title-paste-check, title-paste-add,
 *   title-paste-lines (items carry data-line, data-problem), course-title-list, course-title (data-title-id),
 *   title-status (data-status=requested|matched), course-title-link, course-title-remove (then the
 *   Popconfirm's OK)
 * My courses, reader side (/my-courses)
 *   service-my-courses (home card), my-courses-page, my-courses-term, my-courses-no-term, my-courses-empty,
 *   my-courses-teaching, my-courses-enrolled, my-course (data-course-code), my-course-teachers,
 *   my-course-no-materials (also a student's course page when it has none), my-course-materials,
 *   my-course-material (data-code), my-course-waiting, my-course-waiting-title (data-status),
 *   my-course-materials-open (a student's course card with approved items)
 * Reserve items (E6/E7): on the staff course page and, for teachers, on /my-courses/<id>
 *   reserve-items, reserve-course-permalink, reserve-item-list, reserve-item (data-item-id), reserve-item-permalink,
 *   reserve-item-review (data-status=pending|approved|rejected), reserve-item-share (data-over), reserve-item-openings,
 *   reserve-item-reason, reserve-item-remove; form: reserve-item-form, reserve-item-kind (antd Segmented),
 *   reserve-item-name, reserve-item-url, reserve-item-upload (PDF), reserve-item-title, reserve-item-channel,
 *   reserve-item-downloadable, reserve-item-seat-limit, reserve-item-pages-used, reserve-item-pages-total,
 *   reserve-item-permission, reserve-item-add; delivery: reserve-delivery, reserve-snippet-list, reserve-snippet-iframe,
 *   reserve-delivery-send (staff)
 *   reviews (/staff/course-reserves/reviews): reserve-reviews-page, reserve-reviews-status, reserve-reviews,
 *   reserve-review (data-item-id), reserve-review-preview, reserve-review-channel, reserve-review-approve,
 *   reserve-review-reason, reserve-review-reject; course-reserves-nav-reviews
 *   reader item page (/reserve/<code>): reserve-item-page, reserve-item-back, reserve-item-refused, reserve-item-open
 * Circulation, staff side (/staff/circulation, …/loans?reader=&dueFrom=&dueTo=&overdue=true|false&location=
 * &readerType=&state=open|returned|all&library=, …/rules?library=, …/imports, …/imports/<id>)
 *   circulation-tab-desk|loans|pull-list|pickups|quarantine|rules|pickup-points|imports
 *   pull list (…/pull-list): pull-list-page, pull-list-table (rows carry data-barcode), pull-found, pull-not-found,
 *   phone-request with phone-request-reader, phone-request-barcodes (space or comma separated),
 *   phone-request-point, phone-request-note, phone-request-submit
 *   pickup desk (…/pickups?point=&day=): pickup-desk-page, pickup-desk-point, pickup-desk-day, pickup-desk-code (type
 *   or scan, press Enter to hand over), pickup-desk-summary, pickup-desk-table (rows carry data-code, data-status),
 *   pickup-booking-status, pickup-stage, pickup-no-show, pickup-move (antd Select of free slots), pickup-cancel
 *   pickup points (…/pickup-points): pickup-points-page, pickup-point-new | pickup-point-<id>, pickup-point-name-zh|
 *   name-en|active|slotMinutes|readersPerSlot|leadMinutes|daysAhead|holdDays, pickup-point-windows,
 *   pickup-point-add-window, pickup-point-save
 *   quarantine (…/quarantine?show=today|overdue): quarantine-page, quarantine-filter-all|today|overdue,
 *   quarantine-table (rows carry data-barcode, data-due), quarantine-release (per row), quarantine-release-due
 *   desk: desk-page, desk-mode (antd Segmented: 借出 / 归还 / 续借, by label), desk-reader (reader number: fill,
 *   press Enter), desk-reader-change, desk-barcode (fill, press Enter; it empties and keeps the cursor),
 *   desk-log, desk-result (data-outcome=ok|refused, data-barcode) with desk-result-text, desk-reader-panel,
 *   desk-reader-name, desk-reader-counts, desk-reader-error, desk-reader-loans (items carry data-barcode),
 *   desk-reader-fines, fine-pay, fine-waive (then fine-waive-reason, confirm-ok), loan-due (data-due-state=
 *   overdue|soon|later)
 *   loans: loans-page, loans-library-picker (consortium admin), loans-filters, loans-filter-reader (press Enter),
 *   loans-filter-due, loans-filter-overdue|location|reader-type|state, loans-clear-filters, loans-table,
 *   loans-load-more
 *   rules: loan-rules-page (with quarantine-periods, quarantine-hours-<type|*>, quarantine-periods-save), rules-library-picker, rules-table (rows carry data-rule=<readerType>/<materialType|*>),
 *   rule-<readerType>/<materialType|*>-<loanDays|itemLimit|renewalLimit|renewalDays|fine>, rules-add-type,
 *   rules-add, rules-defaults, rules-save
 *   imports: circulation-imports-page, circulation-import-upload (its input[type=file]), circulation-import-progress,
 *   circulation-import-error, sample-loans, sample-fines, circulation-imports-table, circulation-import-open,
 *   circulation-import-status (data-status); one import: circulation-import-page, import-back, circulation-import-count-rows|
 *   valid|errors|warnings, circulation-import-blocked, circulation-import-result, circulation-import-problems (rows
 *   carry data-line and data-severity), circulation-import-columns, circulation-import-sample,
 *   circulation-import-apply, circulation-import-discard, confirm-ok
 * Borrow requests and pickups, reader side (/pickups?item=<catalogue item id>)
 *   reader-catalogue-request (on an available book in 馆藏检索), pickup-request, pickup-request-point,
 *   pickup-request-confirm, pickup-book, pickup-slots, pickup-slot-day, pickup-slot (data-time, data-free),
 *   my-pickup (data-code), my-pickup-code, my-pickup-qr, my-pickup-time, my-pickup-move, my-pickup-cancel
 *   (then confirm-ok), my-borrow-request, my-borrow-line (data-status, data-barcode)
 * My loans, reader side (/loans)
 *   home-my-loans (home card), my-loans-page, my-loans-summary, my-loans-list, my-loan (data-barcode, data-overdue),
 *   my-loan-title, loan-due (data-due-state), my-loan-renew, my-loan-renewed, my-loan-refused (the reason),
 *   my-fines, my-fines-open, my-fine (data-status)
 *
 * Operating phases (/staff/operations): phases-page, phases-library-picker (consortium admin),
 *   phases-board-link, phase-add, phase-current, phases-table (rows carry data-row=<service>|measures|notice),
 *   phase-column (data-phase=<nameZh>) with phase-switch, phase-edit; phase-drawer with phase-name-zh|en,
 *   phase-notice-zh, phase-service-status-<service>, phase-measure-*, phase-drawer-save;
 *   phase-switch-modal, phase-switch-effects (items carry data-effect), phase-switch-confirm;
 *   phase-history (rows carry data-switch, data-undone), phase-undo, phase-undo-confirm.
 * Service board (/status/:libraryCode, public): service-board, board-phase, board-service
 *   (data-service, data-status), board-library-picker.
 * Closure measures, staff side (/staff/circulation/closure): circulation-tab-closure, closure-measures-page;
 *   closure-due-card: closure-due-range, closure-due-reader-type, closure-due-location, closure-due-include-overdue,
 *   closure-due-kind, closure-due-day | closure-due-days, closure-due-reason, closure-due-preview, closure-due-apply
 *   (then confirm-ok), closure-due-result (data-count), closure-due-sample;
 *   closure-spread-card: closure-spread-window, closure-spread-start, closure-spread-days, closure-spread-cap,
 *   closure-spread-reason, closure-spread-preview, closure-spread-apply, closure-spread-result (data-count),
 *   closure-spread-days-table (rows carry data-day, data-count), closure-spread-sample;
 *   closure-waiver-card: closure-waiver-created, closure-waiver-reader-type, closure-waiver-reason,
 *   closure-waiver-preview, closure-waiver-apply, closure-waiver-result (data-count);
 *   closure-raise-card: closure-raise-reader-type, closure-raise-items, closure-raise-renewals, closure-raise-end-day,
 *   closure-raise-note, closure-raise-create, closure-raises-table (rows carry data-active), closure-raise-end;
 *   closure-batches-card: closure-batches-table (rows carry data-kind, data-undone), closure-batch-undo (then confirm-ok)
 */
import {
  accounts,
  audit,
  catalogue,
  circulationImports,
  closureMeasures,
  courses,
  eResources,
  linkChecks,
  loanRules,
  loans,
  notifications,
  phases,
  pickups,
  quarantine,
  referenceDesk,
  requests,
  similarityChecks,
  ssoAdmin,
} from '@shuqiao/contracts'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { InboxPage } from '../features/notifications/inbox-page.tsx'
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
  notifications: async () => ({
    Component: (await import('../features/notifications/channels-page.tsx')).ChannelsPage,
  }),
  requestQueue: async () => ({
    Component: (await import('../features/requests/queue-page.tsx')).QueuePage,
  }),
  requestFigures: async () => ({
    Component: (await import('../features/requests/figures-page.tsx')).FiguresPage,
  }),
  request: async () => ({
    Component: (await import('../features/requests/staff-request-page.tsx')).StaffRequestPage,
  }),
  similarityBatches: async () => ({
    Component: (await import('../features/similarity-checks/batches-page.tsx')).BatchesPage,
  }),
  similarityBatch: async () => ({
    Component: (await import('../features/similarity-checks/batch-page.tsx')).BatchPage,
  }),
  catalogue: async () => ({
    Component: (await import('../features/catalogue/catalogue-page.tsx')).CataloguePage,
  }),
  catalogueImport: async () => ({
    Component: (await import('../features/catalogue/import-page.tsx')).ImportPage,
  }),
  replyTemplates: async () => ({
    Component: (await import('../features/requests/templates-page.tsx')).TemplatesPage,
  }),
  resources: async () => ({
    Component: (await import('../features/e-resources/staff-resources-page.tsx')).StaffResourcesPage,
  }),
  accessSettings: async () => ({
    Component: (await import('../features/e-resources/access-settings-page.tsx')).AccessSettingsPage,
  }),
  resourceUsage: async () => ({
    Component: (await import('../features/e-resources/usage-page.tsx')).UsagePage,
  }),
  linkChecks: async () => ({
    Component: (await import('../features/e-resources/link-checks-page.tsx')).LinkChecksPage,
  }),
  resourceGuides: async () => ({
    Component: (await import('../features/e-resources/staff-guides-page.tsx')).StaffGuidesPage,
  }),
  courses: async () => ({
    Component: (await import('../features/course-reserves/courses-page.tsx')).CoursesPage,
  }),
  course: async () => ({
    Component: (await import('../features/course-reserves/course-page.tsx')).CoursePage,
  }),
  courseTerms: async () => ({
    Component: (await import('../features/course-reserves/terms-page.tsx')).TermsPage,
  }),
  circulationDesk: async () => ({
    Component: (await import('../features/circulation/desk-page.tsx')).DeskPage,
  }),
  loans: async () => ({ Component: (await import('../features/circulation/loans-page.tsx')).LoansPage }),
  loanRules: async () => ({
    Component: (await import('../features/circulation/loan-rules-page.tsx')).LoanRulesPage,
  }),
  quarantine: async () => ({
    Component: (await import('../features/circulation/quarantine-page.tsx')).QuarantinePage,
  }),
  pullList: async () => ({
    Component: (await import('../features/circulation/pull-list-page.tsx')).PullListPage,
  }),
  pickupDesk: async () => ({
    Component: (await import('../features/circulation/pickup-desk-page.tsx')).PickupDeskPage,
  }),
  pickupPoints: async () => ({
    Component: (await import('../features/circulation/pickup-points-page.tsx')).PickupPointsPage,
  }),
  circulationImports: async () => ({
    Component: (await import('../features/circulation/imports-page.tsx')).ImportsPage,
  }),
  circulationImport: async () => ({
    Component: (await import('../features/circulation/import-page.tsx')).ImportPage,
  }),
  referenceDesk: async () => ({
    Component: (await import('../features/reference-desk/workspace-page.tsx')).WorkspacePage,
  }),
  reserveReviews: async () => ({
    Component: (await import('../features/course-reserves/reserve-reviews-page.tsx')).ReserveReviewsPage,
  }),
  courseTitles: async () => ({
    Component: (await import('../features/course-reserves/titles-page.tsx')).TitlesPage,
  }),
  eHoldings: async () => ({
    Component: (await import('../features/course-reserves/e-holdings-page.tsx')).EHoldingsPage,
  }),
  coursePublishers: async () => ({
    Component: (await import('../features/course-reserves/publishers-page.tsx')).PublishersPage,
  }),
  courseCoverage: async () => ({
    Component: (await import('../features/course-reserves/coverage-page.tsx')).CoveragePage,
  }),
  faq: async () => ({
    Component: (await import('../features/reference-desk/faq-manage-page.tsx')).FaqManagePage,
  }),
  phases: async () => ({
    Component: (await import('../features/operations/phases-page.tsx')).PhasesPage,
  }),
  closureMeasures: async () => ({
    Component: (await import('../features/circulation/closure-measures-page.tsx')).ClosureMeasuresPage,
  }),
  deskFigures: async () => ({
    Component: (await import('../features/reference-desk/desk-figures-page.tsx')).DeskFiguresPage,
  }),
  deskWidget: async () => ({
    Component: (await import('../features/reference-desk/widget-settings-page.tsx')).WidgetSettingsPage,
  }),
  roster: async () => ({
    Component: (await import('../features/reference-desk/roster-page.tsx')).RosterPage,
  }),
  cannedReplies: async () => ({
    Component: (await import('../features/reference-desk/canned-replies-page.tsx')).CannedRepliesPage,
  }),
  tickets: async () => ({
    Component: (await import('../features/reference-desk/tickets-page.tsx')).TicketsPage,
  }),
  ticket: async () => ({
    Component: (await import('../features/reference-desk/ticket-page.tsx')).TicketPage,
  }),
  transcripts: async () => ({
    Component: (await import('../features/reference-desk/transcripts-page.tsx')).TranscriptsPage,
  }),
}

// Service requests in the portal: loaded when first opened, like the staff console.
const portal = {
  services: async () => ({
    Component: (await import('../features/requests/services-page.tsx')).ServicesPage,
  }),
  newRequest: async () => ({
    Component: (await import('../features/requests/new-request-page.tsx')).NewRequestPage,
  }),
  myRequests: async () => ({
    Component: (await import('../features/requests/my-requests-page.tsx')).MyRequestsPage,
  }),
  request: async () => ({ Component: (await import('../features/requests/request-page.tsx')).RequestPage }),
  confirmation: async () => ({
    Component: (await import('../features/requests/confirmation-page.tsx')).ConfirmationPage,
  }),
  verify: async () => ({ Component: (await import('../features/requests/verify-page.tsx')).VerifyPage }),
  thesisChecks: async () => ({
    Component: (await import('../features/similarity-checks/my-checks-page.tsx')).MyChecksPage,
  }),
  catalogue: async () => ({
    Component: (await import('../features/catalogue/reader-catalogue-page.tsx')).ReaderCataloguePage,
  }),
  directory: async () => ({
    Component: (await import('../features/e-resources/directory-page.tsx')).DirectoryPage,
  }),
  resource: async () => ({
    Component: (await import('../features/e-resources/resource-page.tsx')).ResourcePage,
  }),
  linkBuilder: async () => ({
    Component: (await import('../features/e-resources/link-builder-page.tsx')).LinkBuilderPage,
  }),
  guides: async () => ({
    Component: (await import('../features/e-resources/guides-page.tsx')).GuidesPage,
  }),
  guide: async () => ({
    Component: (await import('../features/e-resources/guide-page.tsx')).GuidePage,
  }),
  myCourses: async () => ({
    Component: (await import('../features/course-reserves/my-courses-page.tsx')).MyCoursesPage,
  }),
  myLoans: async () => ({
    Component: (await import('../features/circulation/my-loans-page.tsx')).MyLoansPage,
  }),
  myPickups: async () => ({
    Component: (await import('../features/circulation/my-pickups-page.tsx')).MyPickupsPage,
  }),
  ask: async () => ({
    Component: (await import('../features/reference-desk/chat-page.tsx')).ChatPage,
  }),
  serviceBoard: async () => ({
    Component: (await import('../features/operations/service-board-page.tsx')).ServiceBoardPage,
  }),
  myCourse: async () => ({
    Component: (await import('../features/course-reserves/my-course-page.tsx')).MyCoursePage,
  }),
  reserveItem: async () => ({
    Component: (await import('../features/course-reserves/reserve-item-page.tsx')).ReserveItemPage,
  }),
  faq: async () => ({
    Component: (await import('../features/reference-desk/faq-page.tsx')).FaqPage,
  }),
  myQuestions: async () => ({
    Component: (await import('../features/reference-desk/my-questions-page.tsx')).MyQuestionsPage,
  }),
  myQuestion: async () => ({
    Component: (await import('../features/reference-desk/my-question-page.tsx')).MyQuestionPage,
  }),
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
              { path: 'inbox', element: <InboxPage /> },
              { path: 'services', lazy: portal.services },
              { path: 'services/:type/new', lazy: portal.newRequest },
              { path: 'requests', lazy: portal.myRequests },
              { path: 'requests/:requestId', lazy: portal.request },
              { path: 'requests/:requestId/confirmation', lazy: portal.confirmation },
              { path: 'thesis-checks', lazy: portal.thesisChecks },
              { path: 'catalogue', lazy: portal.catalogue },
              { path: 'link-builder', lazy: portal.linkBuilder },
              { path: 'my-courses', lazy: portal.myCourses },
              { path: 'my-courses/:courseId', lazy: portal.myCourse },
              { path: 'reserve/:code', lazy: portal.reserveItem },
              { path: 'loans', lazy: portal.myLoans },
              // 我的咨询: questions asked by form, phone or an unanswered chat.
              { path: 'questions', lazy: portal.myQuestions },
              { path: 'questions/:ticketId', lazy: portal.myQuestion },
              { path: 'pickups', lazy: portal.myPickups },
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
                  {
                    element: <RequireAccess contract={notifications.listNoticeChannels} />,
                    children: [{ path: 'notifications', lazy: staff.notifications }],
                  },
                  {
                    element: <RequireAccess contract={requests.listRequestQueue} />,
                    children: [
                      { path: 'requests', lazy: staff.requestQueue },
                      { path: 'requests/figures', lazy: staff.requestFigures },
                      { path: 'requests/templates', lazy: staff.replyTemplates },
                      { path: 'requests/:requestId', lazy: staff.request },
                    ],
                  },
                  {
                    element: <RequireAccess contract={similarityChecks.listBatches} />,
                    children: [
                      { path: 'similarity-checks', lazy: staff.similarityBatches },
                      { path: 'similarity-checks/:batchId', lazy: staff.similarityBatch },
                    ],
                  },
                  { path: 'catalogue', lazy: staff.catalogue },
                  {
                    element: <RequireAccess contract={catalogue.getCatalogueImport} />,
                    children: [{ path: 'catalogue/imports/:importId', lazy: staff.catalogueImport }],
                  },
                  {
                    element: <RequireAccess contract={eResources.createResource} />,
                    children: [
                      { path: 'resources', lazy: staff.resources },
                      { path: 'resources/settings', lazy: staff.accessSettings },
                      { path: 'resources/usage', lazy: staff.resourceUsage },
                      { path: 'resources/guides', lazy: staff.resourceGuides },
                    ],
                  },
                  { path: 'link-builder', lazy: portal.linkBuilder },
                  {
                    element: <RequireAccess contract={courses.listCourses} />,
                    children: [
                      { path: 'course-reserves', lazy: staff.courses },
                      { path: 'course-reserves/terms', lazy: staff.courseTerms },
                      { path: 'course-reserves/courses/:courseId', lazy: staff.course },
                      { path: 'course-reserves/titles', lazy: staff.courseTitles },
                      { path: 'course-reserves/e-holdings', lazy: staff.eHoldings },
                      { path: 'course-reserves/publishers', lazy: staff.coursePublishers },
                      { path: 'course-reserves/coverage', lazy: staff.courseCoverage },
                      { path: 'course-reserves/reviews', lazy: staff.reserveReviews },
                    ],
                  },
                  {
                    element: <RequireAccess contract={loans.checkOut} />,
                    children: [{ path: 'circulation', lazy: staff.circulationDesk }],
                  },
                  {
                    element: <RequireAccess contract={circulationImports.listCirculationImports} />,
                    children: [
                      { path: 'circulation/imports', lazy: staff.circulationImports },
                      { path: 'circulation/imports/:importId', lazy: staff.circulationImport },
                    ],
                  },
                  {
                    element: <RequireAccess contract={loans.listLoans} />,
                    children: [{ path: 'circulation/loans', lazy: staff.loans }],
                  },
                  {
                    element: <RequireAccess contract={pickups.getPullList} />,
                    children: [
                      { path: 'circulation/pull-list', lazy: staff.pullList },
                      { path: 'circulation/pickups', lazy: staff.pickupDesk },
                      { path: 'circulation/pickup-points', lazy: staff.pickupPoints },
                    ],
                  },
                  {
                    element: <RequireAccess contract={quarantine.listQuarantine} />,
                    children: [{ path: 'circulation/quarantine', lazy: staff.quarantine }],
                  },
                  {
                    element: <RequireAccess contract={loanRules.getLoanRules} />,
                    children: [{ path: 'circulation/rules', lazy: staff.loanRules }],
                  },
                  {
                    element: <RequireAccess contract={linkChecks.listLinkChecks} />,
                    children: [{ path: 'resources/link-checks', lazy: staff.linkChecks }],
                  },
                  {
                    element: <RequireAccess contract={referenceDesk.getMyDesk} />,
                    children: [{ path: 'reference-desk', lazy: staff.referenceDesk }],
                  },
                  {
                    element: <RequireAccess contract={referenceDesk.listManagedFaq} />,
                    children: [{ path: 'reference-desk/faq', lazy: staff.faq }],
                  },
                  {
                    element: <RequireAccess contract={phases.getPhases} />,
                    children: [{ path: 'operations', lazy: staff.phases }],
                  },
                  {
                    element: <RequireAccess contract={closureMeasures.listClosureBatches} />,
                    children: [{ path: 'circulation/closure', lazy: staff.closureMeasures }],
                  },
                  {
                    element: <RequireAccess contract={referenceDesk.getDeskFigures} />,
                    children: [{ path: 'reference-desk/figures', lazy: staff.deskFigures }],
                  },
                  {
                    element: <RequireAccess contract={referenceDesk.getWidgetSettings} />,
                    children: [{ path: 'reference-desk/widget', lazy: staff.deskWidget }],
                  },
                  {
                    element: <RequireAccess contract={referenceDesk.listShifts} />,
                    children: [{ path: 'reference-desk/roster', lazy: staff.roster }],
                  },
                  {
                    element: <RequireAccess contract={referenceDesk.listCannedReplies} />,
                    children: [{ path: 'reference-desk/canned-replies', lazy: staff.cannedReplies }],
                  },
                  {
                    element: <RequireAccess contract={referenceDesk.listTickets} />,
                    children: [
                      { path: 'reference-desk/tickets', lazy: staff.tickets },
                      { path: 'reference-desk/tickets/:ticketId', lazy: staff.ticket },
                    ],
                  },
                  {
                    element: <RequireAccess contract={referenceDesk.searchTranscripts} />,
                    children: [{ path: 'reference-desk/transcripts', lazy: staff.transcripts }],
                  },
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
      {
        element: <ReaderLayout />,
        children: [
          { path: 'verify/:code?', lazy: portal.verify },
          // The directory is public: a guest names the library (?library=<code>).
          { path: 'resources', lazy: portal.directory },
          { path: 'resources/:resourceId', lazy: portal.resource },
          // Guides too; /g/<code> on the server counts a visit and leads here.
          { path: 'guides', lazy: portal.guides },
          { path: 'guides/:code', lazy: portal.guide },
          // 在线咨询: signed-in readers at their library, guests where a queue takes guests.
          { path: 'ask', lazy: portal.ask },
          // 常见问题: public; guests choose ?library=<code>.
          { path: 'faq', lazy: portal.faq },
          // 服务状态: public, the current phase and each service's status.
          { path: 'status/:libraryCode?', lazy: portal.serviceBoard },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
])

export const AppRouter = () => <RouterProvider router={router} />
