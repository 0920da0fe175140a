import type { Migration } from 'kysely'
import * as platform from './20261125100000_platform.ts'
import * as files from './20261125110000_files.ts'
import * as notifications from './20261125110100_notifications.ts'
import * as requests from './20261125120000_requests.ts'
import * as similarityChecks from './20261126100000_similarity_checks.ts'
import * as replyTemplates from './20261126110000_reply_templates.ts'
import * as requestsIndexes from './20261126120000_requests_indexes.ts'
import * as catalogue from './20261126130000_catalogue.ts'
import * as requestConfirmations from './20261126140000_request_confirmations.ts'
import * as requestTeams from './20261126150000_request_teams.ts'
import * as requestFormChanges from './20261127100000_request_form_changes.ts'
import * as requestSubjects from './20261127110000_request_subjects.ts'
import * as filesMetered from './20261127150000_files_metered.ts'
import * as eResources from './20261127200000_e_resources.ts'
import * as eResourceLinkChecks from './20261127210000_e_resource_link_checks.ts'
import * as resourceGuides from './20261127220000_resource_guides.ts'
import * as platformPagePhrases from './20261128090000_platform_page_phrases.ts'
import * as libraryDisciplines from './20261128100000_library_disciplines.ts'
import * as courseReserves from './20261128200000_course_reserves.ts'
import * as circulation from './20261128300000_circulation.ts'
import * as referenceDesk from './20261128400000_reference_desk.ts'
import * as courseTitles from './20261128500000_course_titles.ts'
import * as eHoldings from './20261128510000_e_holdings.ts'
import * as quarantine from './20261128600000_quarantine.ts'
import * as referenceFaq from './20261128700000_reference_faq.ts'
import * as courseTitleFulfilment from './20261129000000_course_title_fulfilment.ts'
import * as operatingPhases from './20261129050000_operating_phases.ts'
import * as pickups from './20261129100000_pickups.ts'
import * as closureMeasures from './20261129200000_closure_measures.ts'
import * as titleFulfilmentWork from './20261129300000_title_fulfilment_work.ts'
import * as courseCoverage from './20261129400000_course_coverage.ts'
import * as courseReserveItems from './20261129500000_course_reserve_items.ts'
import * as referenceTickets from './20261129600000_reference_tickets.ts'
import * as referenceRoster from './20261129700000_reference_roster.ts'
import * as referenceRatings from './20261129800000_reference_ratings.ts'
import * as referenceWidget from './20261129810000_reference_widget.ts'
import * as loansHotDueDates from './20261130000000_loans_hot_due_dates.ts'
import * as referenceGuestUploads from './20261130100000_reference_guest_uploads.ts'

/** Every migration, keyed by its file name; the timestamp orders them. */
export const migrations: Record<string, Migration> = {
  '20261125100000_platform': platform,
  '20261125110000_files': files,
  '20261125110100_notifications': notifications,
  '20261125120000_requests': requests,
  '20261126100000_similarity_checks': similarityChecks,
  '20261126110000_reply_templates': replyTemplates,
  '20261126120000_requests_indexes': requestsIndexes,
  '20261126130000_catalogue': catalogue,
  '20261126140000_request_confirmations': requestConfirmations,
  '20261126150000_request_teams': requestTeams,
  '20261127100000_request_form_changes': requestFormChanges,
  '20261127110000_request_subjects': requestSubjects,
  '20261127150000_files_metered': filesMetered,
  '20261127200000_e_resources': eResources,
  '20261127210000_e_resource_link_checks': eResourceLinkChecks,
  '20261127220000_resource_guides': resourceGuides,
  '20261128090000_platform_page_phrases': platformPagePhrases,
  '20261128100000_library_disciplines': libraryDisciplines,
  '20261128200000_course_reserves': courseReserves,
  '20261128300000_circulation': circulation,
  '20261128400000_reference_desk': referenceDesk,
  '20261128500000_course_titles': courseTitles,
  '20261128510000_e_holdings': eHoldings,
  '20261128600000_quarantine': quarantine,
  '20261128700000_reference_faq': referenceFaq,
  '20261129000000_course_title_fulfilment': courseTitleFulfilment,
  '20261129050000_operating_phases': operatingPhases,
  '20261129100000_pickups': pickups,
  '20261129200000_closure_measures': closureMeasures,
  '20261129300000_title_fulfilment_work': titleFulfilmentWork,
  '20261129400000_course_coverage': courseCoverage,
  '20261129500000_course_reserve_items': courseReserveItems,
  '20261129600000_reference_tickets': referenceTickets,
  '20261129700000_reference_roster': referenceRoster,
  '20261129800000_reference_ratings': referenceRatings,
  '20261129810000_reference_widget': referenceWidget,
  '20261130000000_loans_hot_due_dates': loansHotDueDates,
  '20261130100000_reference_guest_uploads': referenceGuestUploads,
}
