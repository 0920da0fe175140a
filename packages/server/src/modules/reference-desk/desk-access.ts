import { type Caller, isConsortiumAdmin, isStaff } from '../../http/caller.ts'

/** Someone at the desk: a signed-in account, or a guest known by their signed token. */
export type Speaker =
  | { kind: 'account'; caller: Caller; name: string }
  | { kind: 'guest'; guestId: string; libraryId: string; name: string }

/** Which side of a chat someone is on: the one asking, or the library's staff. */
export type Side = 'reader' | 'staff'

interface ConversationOwners {
  library_id: string
  consortium_id: string
  reader_id: string | null
  guest_id: string | null
}

/** Staff who work at this library's desk (not the consortium admin, who has no desk). */
export const worksAtDesk = (caller: Caller, libraryId: string) =>
  isStaff(caller) && caller.libraryId === libraryId

/** A stable key per person, to tell their own typing signals apart from others'. */
export const speakerKey = (speaker: Speaker) =>
  speaker.kind === 'account' ? speaker.caller.accountId : speaker.guestId

/**
 * The side a speaker takes in a chat, or undefined when it is none of theirs. The asker is on the
 * reader side even when they are staff; staff of the chat's library are on the staff side.
 */
export const sideIn = (speaker: Speaker, row: ConversationOwners): Side | undefined => {
  if (speaker.kind === 'guest') return row.guest_id === speaker.guestId ? 'reader' : undefined
  if (row.reader_id === speaker.caller.accountId) return 'reader'
  if (worksAtDesk(speaker.caller, row.library_id)) return 'staff'
  return undefined
}

/** Like sideIn, and a consortium admin may look at their member libraries' chats (never take part). */
export const viewOf = (caller: Caller, row: ConversationOwners): Side | undefined => {
  const side = sideIn({ kind: 'account', caller, name: '' }, row)
  if (side) return side
  return isConsortiumAdmin(caller) && row.consortium_id === caller.consortiumId ? 'staff' : undefined
}
