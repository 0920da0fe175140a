import type { files } from '@shuqiao/contracts'
import { useState } from 'react'
import { useErrorText } from '../../app/page-states.tsx'

/** What both of a term's imports send: the file, whether to write, and the columns chosen. */
interface ImportInput<M> {
  termId: string
  fileId: string
  dryRun: boolean
  mapping?: M
}

interface ImportRun<P, M> {
  mutate: (
    input: ImportInput<M>,
    handlers: { onSuccess: (answer: P) => void; onError: (error: Error) => void },
  ) => void
}

/**
 * The steps a term's import dialog goes through, for the office's course file and the demand
 * list alike: a file checked as a dry run, checked again when a column is changed, then applied;
 * a failure shown until the next try; `close` forgets it all for the next opening.
 */
export const useImportSteps = <P, M>(
  run: ImportRun<P, M>,
  termId: string,
  mappingOf: (answer: P) => M,
  onClose: () => void,
) => {
  const errorText = useErrorText()
  const [file, setFile] = useState<files.FileInfo>()
  const [preview, setPreview] = useState<P>()
  const [mapping, setMapping] = useState<M>()
  const [done, setDone] = useState<P>()
  const [failure, setFailure] = useState<string>()
  const [uploadKey, setUploadKey] = useState(0)
  const fail = (error: Error) => setFailure(errorText(error))

  const reset = () => {
    setFile(undefined)
    setPreview(undefined)
    setMapping(undefined)
    setDone(undefined)
    setFailure(undefined)
    setUploadKey((key) => key + 1)
  }
  return {
    file,
    setFile,
    preview,
    mapping,
    setMapping,
    done,
    failure,
    setFailure,
    uploadKey,
    reset,
    close: () => {
      reset()
      onClose()
    },
    check: (fileId: string, chosen?: M) => {
      setFailure(undefined)
      run.mutate(
        { termId, fileId, dryRun: true, ...(chosen ? { mapping: chosen } : {}) },
        {
          onSuccess: (answer) => {
            setPreview(answer)
            setMapping(mappingOf(answer))
          },
          onError: fail,
        },
      )
    },
    apply: () => {
      if (!file || !mapping) return
      run.mutate({ termId, fileId: file.id, dryRun: false, mapping }, { onSuccess: setDone, onError: fail })
    },
  }
}
