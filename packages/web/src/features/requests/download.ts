import { ApiProblem, CLIENT_PROBLEM, readProblem } from '../../api/client.ts'
import { i18n } from '../../app/i18n.ts'
import { fileNameOf } from './download-name.ts'

/**
 * Downloads a file the server builds (an export), keeping the name it gives. Fetched rather
 * than followed as a link, so a refusal shows as a message instead of a saved error page.
 */
export const downloadFrom = async (url: string, fallbackName: string) => {
  let response: Response
  try {
    response = await fetch(url, { credentials: 'same-origin' })
  } catch {
    throw new ApiProblem({ status: 0, code: CLIENT_PROBLEM.network, detail: i18n.t('common:error.network') })
  }
  if (!response.ok) throw await readProblem(response)
  const blob = await response.blob()
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName)
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
}
