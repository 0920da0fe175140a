import type { catalogue } from '@shuqiao/contracts'
import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { STATUS_COLOURS } from './catalogue-logic.ts'
import './catalogue.css'

/** An item's circulation status as a coloured tag: 在架 green, 借出 orange … */
export const ItemStatusTag = ({
  status,
  testId = 'item-status',
}: {
  status: catalogue.CatalogueItem['status']
  testId?: string
}) => {
  const { t } = useTranslation('catalogue')
  return (
    <Tag
      color={STATUS_COLOURS[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid={testId}
      data-status={status}
    >
      {t(`status.${status}`)}
    </Tag>
  )
}

/** Where a book stands: its shelf location and call number, whichever are known. */
export const ShelfLine = ({
  location,
  callNumber,
}: {
  location: string | null
  callNumber: string | null
}) => {
  const { t } = useTranslation('catalogue')
  return (
    <span className="sq-cat-shelf">
      {location && <span>{location}</span>}
      {location && callNumber && <span aria-hidden> · </span>}
      {callNumber && (
        <span>
          {t('reader.callNumber')} <b className="sq-cat-call">{callNumber}</b>
        </span>
      )}
    </span>
  )
}
