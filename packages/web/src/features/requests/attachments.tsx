import type { files } from '@shuqiao/contracts'
import { Form } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { FileUpload } from '../files/index.ts'
import { ATTACHMENTS } from './form-values.ts'

/** The API takes at most this many files per submit, step or comment. */
export const MAX_FILES_PER_CALL = 10

export { ATTACHMENTS }

/** The ids of the files an attachments field holds (the uploads the server accepted). */
export const fileIdsOf = (value: unknown): string[] =>
  Array.isArray(value) ? (value as files.FileInfo[]).map((file) => file.id) : []

/**
 * An upload field for a form: files go to the server as soon as they are picked, and the form
 * sends their ids along. `required` asks for at least one (e.g. the report a step needs).
 */
export const AttachmentsItem = ({
  label,
  extra,
  required = false,
  maxCount,
  testId,
  name = ATTACHMENTS,
}: {
  label: ReactNode
  extra?: ReactNode
  required?: boolean
  maxCount: number
  testId: string
  name?: string
}) => {
  const { t } = useTranslation('requests')
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      required={required}
      rules={[
        {
          validator: (_, value: unknown) =>
            required && fileIdsOf(value).length === 0
              ? Promise.reject(new Error(t('files.required')))
              : Promise.resolve(),
        },
      ]}
    >
      <FileUpload maxCount={Math.min(maxCount, MAX_FILES_PER_CALL)} data-testid={testId} />
    </Form.Item>
  )
}
