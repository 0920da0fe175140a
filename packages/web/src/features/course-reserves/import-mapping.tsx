import { Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useText } from '../requests/request-types.ts'
import { FIELD_LABELS, IMPORT_FIELDS } from './logic.ts'

type Bilingual = { zh: string; en: string }

/**
 * Which header of the file feeds each field, prefilled with the server's suggestion; only the
 * required field (the course code) must be chosen. A header taken by one field is not offered
 * to another. The office's course list by default; the demand list passes its own fields.
 */
export const ImportMapping = <F extends string>({
  headers,
  mapping,
  onChange,
  fields = IMPORT_FIELDS as unknown as readonly F[],
  labels = FIELD_LABELS as unknown as Record<F, Bilingual>,
  required = 'courseCode' as F,
  testId = 'course-import',
}: {
  headers: readonly string[]
  mapping: Record<F, string | null>
  onChange: (mapping: NoInfer<Record<F, string | null>>) => void
  fields?: readonly F[]
  labels?: Record<F, Bilingual>
  required?: F
  testId?: string
}) => {
  const { t } = useTranslation('courseReserves')
  const text = useText()
  const taken = (field: F) =>
    new Set(fields.filter((other) => other !== field).map((other) => mapping[other]))
  return (
    <div className="sq-cr-mapping" data-testid={`${testId}-mapping`}>
      {fields.map((field) => (
        <div key={field} className="sq-cr-mapping-field">
          <Typography.Text>
            {text(labels[field])}
            {field === required && (
              <Typography.Text type="danger" style={{ marginInlineStart: 4 }}>
                *
              </Typography.Text>
            )}
          </Typography.Text>
          <Select<string>
            value={mapping[field] ?? ''}
            onChange={(header) => onChange({ ...mapping, [field]: header || null })}
            aria-label={text(labels[field])}
            data-testid={`${testId}-field-${field}`}
            popupMatchSelectWidth={false}
            options={[
              {
                value: '',
                label: field === required ? t('import.required') : t('import.notMapped'),
              },
              ...headers
                .filter((header) => header && !taken(field).has(header))
                .map((header) => ({ value: header, label: header })),
            ]}
          />
        </div>
      ))}
    </div>
  )
}
