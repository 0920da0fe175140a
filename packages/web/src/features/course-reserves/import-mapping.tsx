import { Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useText } from '../requests/request-types.ts'
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField, type Mapping } from './logic.ts'

/**
 * Which header of the file feeds each field, prefilled with the server's suggestion; only the
 * course code must be chosen. A header taken by one field is not offered to another.
 */
export const ImportMapping = ({
  headers,
  mapping,
  onChange,
}: {
  headers: readonly string[]
  mapping: Mapping
  onChange: (mapping: Mapping) => void
}) => {
  const { t } = useTranslation('courseReserves')
  const text = useText()
  const taken = (field: ImportField) =>
    new Set(IMPORT_FIELDS.filter((other) => other !== field).map((other) => mapping[other]))
  return (
    <div className="sq-cr-mapping" data-testid="course-import-mapping">
      {IMPORT_FIELDS.map((field) => (
        <div key={field} className="sq-cr-mapping-field">
          <Typography.Text>
            {text(FIELD_LABELS[field])}
            {field === 'courseCode' && (
              <Typography.Text type="danger" style={{ marginInlineStart: 4 }}>
                *
              </Typography.Text>
            )}
          </Typography.Text>
          <Select<string>
            value={mapping[field] ?? ''}
            onChange={(header) => onChange({ ...mapping, [field]: header || null })}
            aria-label={text(FIELD_LABELS[field])}
            data-testid={`course-import-field-${field}`}
            popupMatchSelectWidth={false}
            options={[
              {
                value: '',
                label: field === 'courseCode' ? t('import.required') : t('import.notMapped'),
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
