import type { catalogue } from '@shuqiao/contracts'
import { Alert, Form, type FormInstance, Space, Spin, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { type HoldingsInput, holdingsQueryOf, publication } from './catalogue-logic.ts'
import { ShelfLine } from './catalogue-parts.tsx'
import { useHoldings } from './queries.ts'
import { useDebounced } from './use-debounced.ts'
import './catalogue.css'

/** How many books of a title match are listed; the rest are counted. */
const SHOWN = 3

const HoldingList = ({ holdings }: { holdings: catalogue.Holding[] }) => {
  const { t } = useTranslation('catalogue')
  const shown = holdings.slice(0, SHOWN)
  return (
    <>
      <ul className="sq-holdings-list">
        {shown.map((holding) => (
          <li
            key={`${holding.isbn}\u0000${holding.title}\u0000${holding.author}`}
            data-testid="holdings-item"
          >
            <Typography.Text strong>{holding.title}</Typography.Text>
            <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.6)' }}>
              {[holding.author, publication(holding.publisher, holding.year)].filter(Boolean).join(' · ')}
            </div>
            <Space size={6} wrap style={{ marginTop: 2 }}>
              <Typography.Text style={{ fontSize: 13 }}>
                {t('holdings.copies', { count: holding.copies })}
              </Typography.Text>
              <Tag color={holding.available > 0 ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {holding.available > 0
                  ? t('holdings.available', { count: holding.available })
                  : t('reader.noneAvailable')}
              </Tag>
            </Space>
            {holding.shelves.some((shelf) => shelf.location || shelf.callNumber) && (
              <ul className="sq-cat-shelves">
                {holding.shelves.map((shelf) => (
                  <li key={`${shelf.location}\u0000${shelf.callNumber}`} data-testid="holdings-shelf">
                    <ShelfLine location={shelf.location} callNumber={shelf.callNumber} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {holdings.length > SHOWN && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('holdings.more', { count: holdings.length - SHOWN })}
        </Typography.Text>
      )}
    </>
  )
}

export interface HoldingsPanelProps {
  /** The book as described so far: ISBN, title and author in any form people type them. */
  values: HoldingsInput
  /** The library whose catalogue to check; leave out for the caller's own. */
  libraryId?: string | undefined
  /** A reader is told they may still submit; staff get the plain finding. */
  viewpoint?: 'reader' | 'staff'
  /** Wait this long after the last keystroke before asking (0 for values that do not change). */
  debounceMs?: number
}

/**
 * Whether the library already has the book a form describes: "本馆已有此书" with copies and
 * shelves when the ISBN matches, "本馆有相近的书" for a close title, or "未找到馆藏". It never
 * blocks anything; nothing shows until the ISBN is valid or the title has two characters.
 */
export const HoldingsPanel = ({
  values,
  libraryId,
  viewpoint = 'reader',
  debounceMs = 400,
}: HoldingsPanelProps) => {
  const { t } = useTranslation('catalogue')
  const typed = holdingsQueryOf(values)
  const settled = useDebounced(typed, debounceMs)
  const holdings = useHoldings(settled && typed ? { ...settled, libraryId } : undefined)
  const staff = viewpoint === 'staff'

  if (!typed) return null
  if (holdings.isError)
    return (
      <Typography.Text type="secondary" data-testid="holdings-panel" data-matched="failed">
        {t('holdings.failed')}
      </Typography.Text>
    )
  if (!holdings.data)
    return (
      <Space size={8} data-testid="holdings-panel" data-matched="checking">
        <Spin size="small" />
        <Typography.Text type="secondary">{t('holdings.checking')}</Typography.Text>
      </Space>
    )

  const { matchedBy, holdings: found } = holdings.data
  const title =
    matchedBy === 'isbn'
      ? t(staff ? 'holdings.byIsbnStaff' : 'holdings.byIsbn')
      : matchedBy === 'title'
        ? t(staff ? 'holdings.byTitleStaff' : 'holdings.byTitle')
        : t(staff ? 'holdings.noneStaff' : 'holdings.none')
  const hint = staff
    ? undefined
    : matchedBy === 'isbn'
      ? t('holdings.byIsbnHint')
      : matchedBy === 'title'
        ? t('holdings.byTitleHint')
        : t('holdings.noneHint')

  return (
    <Alert
      type={matchedBy === 'isbn' ? 'success' : matchedBy === 'title' ? 'warning' : 'info'}
      showIcon
      role="status"
      aria-live="polite"
      data-testid="holdings-panel"
      data-matched={matchedBy ?? 'none'}
      title={
        <Space size={8}>
          <span data-testid="holdings-title">{title}</span>
          {holdings.isFetching && <Spin size="small" />}
        </Space>
      }
      description={
        found.length > 0 || hint ? (
          <>
            {found.length > 0 && <HoldingList holdings={found} />}
            {hint && (
              <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
                {hint}
              </Typography.Paragraph>
            )}
          </>
        ) : undefined
      }
    />
  )
}

/**
 * The holdings panel for a request form with `isbn`, `title` and `author` fields: it follows
 * what the reader types, asking 400 ms after the last keystroke.
 */
export const FormHoldingsPanel = ({ form }: { form: FormInstance }) => {
  const isbn = Form.useWatch('isbn', form) as unknown
  const title = Form.useWatch('title', form) as unknown
  const author = Form.useWatch('author', form) as unknown
  if (!holdingsQueryOf({ isbn, title })) return null
  return (
    <div style={{ marginBottom: 24 }}>
      <HoldingsPanel values={{ isbn, title, author }} />
    </div>
  )
}
