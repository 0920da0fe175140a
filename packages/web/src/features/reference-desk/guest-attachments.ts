import { referenceDesk } from '@shuqiao/contracts'
import { ApiProblem, CLIENT_PROBLEM, readProblem, urlOf } from '../../api/client.ts'

// A guest has no session: their chat's files go with their token in a header, so neither
// call() nor an <img src> can fetch them; these do, and images become object URLs.

const guestFetch = async (url: string, token: string, init: RequestInit, networkDetail: string) => {
  let response: Response
  try {
    response = await fetch(url, {
      ...init,
      credentials: 'omit',
      headers: {
        accept: 'application/json, application/problem+json',
        [referenceDesk.GUEST_TOKEN_HEADER]: token,
      },
    })
  } catch {
    throw new ApiProblem({ status: 0, code: CLIENT_PROBLEM.network, detail: networkDetail })
  }
  if (!response.ok) throw await readProblem(response)
  return response
}

/** The files of a guest's chat. */
export const listGuestAttachments = async (conversationId: string, token: string, networkDetail: string) =>
  (await (
    await guestFetch(
      urlOf(referenceDesk.listGuestChatAttachments, { params: { conversationId } }),
      token,
      { method: 'GET' },
      networkDetail,
    )
  ).json()) as { items: referenceDesk.ChatAttachment[] }

/** A guest sends one file into their chat; the server checks its kind and size. */
export const sendGuestAttachment = async (
  conversationId: string,
  token: string,
  file: File,
  networkDetail: string,
) => {
  const form = new FormData()
  form.append('file', file, file.name)
  const response = await guestFetch(
    urlOf(referenceDesk.sendGuestChatAttachment, { params: { conversationId } }),
    token,
    { method: 'POST', body: form },
    networkDetail,
  )
  return (await response.json()) as referenceDesk.ChatAttachment
}

/** A file of the guest's chat as an object URL (the caller revokes it). */
export const guestAttachmentUrl = async (url: string, token: string, networkDetail: string) =>
  URL.createObjectURL(await (await guestFetch(url, token, { method: 'GET' }, networkDetail)).blob())
