import { type BodyInputOf, referenceDesk } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { call } from '../../api/client.ts'

const CANNED_KEY = ['reference-desk', 'canned-replies'] as const

export const useCannedReplies = (enabled = true) =>
  useQuery({
    queryKey: CANNED_KEY,
    queryFn: () => call(referenceDesk.listCannedReplies),
    enabled,
    staleTime: 60_000,
  })

export const useSaveCannedReply = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: BodyInputOf<typeof referenceDesk.createCannedReply> }) =>
      id
        ? call(referenceDesk.updateCannedReply, {
            params: { replyId: id },
            body: { code: body.code, title: body.title, body: body.body },
          })
        : call(referenceDesk.createCannedReply, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: CANNED_KEY }),
  })
}

export const useDeleteCannedReply = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (replyId: string) => call(referenceDesk.deleteCannedReply, { params: { replyId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: CANNED_KEY }),
  })
}

/**
 * Replaces a `/code` typed at the start or after a space, once followed by a space or a new line,
 * with the text of the canned reply of that code; other text is left as typed.
 */
export const expandCannedCode = (text: string, replies: readonly { code: string; body: string }[]) => {
  const match = /(^|\s)\/([a-z0-9][a-z0-9_-]{0,19})([ \n])$/i.exec(text)
  if (!match) return text
  const reply = replies.find((candidate) => candidate.code === match[2]!.toLowerCase())
  if (!reply) return text
  return `${text.slice(0, match.index + match[1]!.length)}${reply.body}`
}

/** For the staff composer: a function that expands canned-reply codes as they are typed. */
export const useCannedExpansion = (enabled: boolean) => {
  const replies = useCannedReplies(enabled)
  const items = replies.data?.items
  return useCallback((text: string) => (items ? expandCannedCode(text, items) : text), [items])
}
