import type { RequestType } from '../request-type.ts'
import { citationVerification } from './citation-verification.ts'
import { documentDelivery } from './document-delivery.ts'
import { interlibraryLoan } from './interlibrary-loan.ts'
import { noveltySearch } from './novelty-search.ts'
import { purchaseSuggestion } from './purchase-suggestion.ts'
import { thesisSubmission } from './thesis-submission.ts'

/** Every request type; adding one is one file and one line here. */
export const REQUEST_TYPES = [
  documentDelivery,
  interlibraryLoan,
  noveltySearch,
  citationVerification,
  thesisSubmission,
  purchaseSuggestion,
] as const satisfies readonly RequestType[]

export const REQUEST_TYPE_CODES = REQUEST_TYPES.map((type) => type.code) as [string, ...string[]]

export const requestTypeOf = (code: string): RequestType | undefined =>
  REQUEST_TYPES.find((type) => type.code === code)
