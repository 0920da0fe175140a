import { files, type Problem } from '@shuqiao/contracts'
import { ApiProblem, CLIENT_PROBLEM, urlOf } from '../../api/client.ts'

export interface UploadHandlers<T = files.FileInfo> {
  onProgress: (percent: number) => void
  onDone: (answer: T) => void
  /** The problem, and the whole JSON answer for routes that put more in it (e.g. an import's problems). */
  onProblem: (problem: ApiProblem, body?: unknown) => void
}

const bodyOf = (xhr: XMLHttpRequest): unknown => {
  try {
    return JSON.parse(xhr.responseText) as unknown
  } catch {
    return undefined
  }
}

const problemOf = (xhr: XMLHttpRequest): ApiProblem => {
  try {
    const body = JSON.parse(xhr.responseText) as Partial<Problem>
    if (typeof body.code === 'string' && typeof body.detail === 'string')
      return new ApiProblem({ status: xhr.status, code: body.code, detail: body.detail })
  } catch {
    // not a problem document; described by the status below
  }
  return new ApiProblem({
    status: xhr.status,
    code: xhr.status >= 500 ? 'internal_error' : CLIENT_PROBLEM.unexpected,
    detail: `${xhr.status} ${xhr.statusText}`.trim(),
  })
}

/**
 * Posts files as multipart/form-data (one `file` part each) to an upload route and hands over
 * its JSON answer. XMLHttpRequest rather than fetch, because only it reports upload progress.
 * Returns a function that cancels the upload.
 */
export const postFiles = <T>(
  url: string,
  parts: readonly { file: Blob; name: string }[],
  handlers: UploadHandlers<T>,
  networkDetail: string,
) => {
  const xhr = new XMLHttpRequest()
  xhr.open('POST', url)
  xhr.setRequestHeader('accept', 'application/json, application/problem+json')
  xhr.upload.onprogress = (event) => {
    if (event.lengthComputable) handlers.onProgress(Math.round((event.loaded / event.total) * 100))
  }
  xhr.onload = () => {
    if (xhr.status >= 200 && xhr.status < 300) handlers.onDone(JSON.parse(xhr.responseText) as T)
    else handlers.onProblem(problemOf(xhr), bodyOf(xhr))
  }
  xhr.onerror = () =>
    handlers.onProblem(new ApiProblem({ status: 0, code: CLIENT_PROBLEM.network, detail: networkDetail }))
  const form = new FormData()
  for (const part of parts) form.append('file', part.file, part.name)
  xhr.send(form)
  return () => xhr.abort()
}

/** Posts one file; see postFiles. */
export const postFile = <T>(
  url: string,
  file: Blob,
  name: string,
  handlers: UploadHandlers<T>,
  networkDetail: string,
) => postFiles(url, [{ file, name }], handlers, networkDetail)

/** Posts one file to `POST /api/files`; see postFile. */
export const sendFile = (file: Blob, name: string, handlers: UploadHandlers, networkDetail: string) =>
  postFile(urlOf(files.uploadFile), file, name, handlers, networkDetail)
