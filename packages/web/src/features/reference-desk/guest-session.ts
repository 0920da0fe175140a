/** A guest's chat lives in this tab only: the token and chat id are kept in sessionStorage. */
export interface GuestSession {
  token: string
  conversationId: string
  libraryId: string
  name: string
}

const KEY = 'shuqiao.desk.guest'

export const readGuestSession = (): GuestSession | undefined => {
  try {
    const raw = sessionStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as GuestSession) : undefined
  } catch {
    return undefined
  }
}

export const saveGuestSession = (session: GuestSession | undefined) => {
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session))
    else sessionStorage.removeItem(KEY)
  } catch {
    // Storage blocked (private mode): the chat lasts as long as the page.
  }
}
