import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CatalogueImport } from './queries.ts'

const COLOURS: Record<CatalogueImport['status'], string> = {
  previewed: 'processing',
  applied: 'success',
  discarded: 'default',
}

/** 待确认 / 已导入 / 已放弃 */
export const ImportStatusTag = ({ status }: { status: CatalogueImport['status'] }) => {
  const { t } = useTranslation('catalogue')
  return (
    <Tag
      color={COLOURS[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="import-status"
      data-status={status}
    >
      {t(`imports.status.${status}`)}
    </Tag>
  )
}
