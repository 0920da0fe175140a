import type { courseTitles } from '@shuqiao/contracts'
import { Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { isbnText, titleDetails, titleName } from './titles-logic.ts'

const STATUS_COLORS: Record<courseTitles.TitleStatus, string> = {
  requested: 'default',
  searching: 'processing',
  publisher_contacted: 'processing',
  obtained: 'processing',
  digitising: 'processing',
  published: 'success',
  unavailable: 'error',
}
const MATCH_COLORS: Record<courseTitles.MatchKind, string> = {
  isbn: 'green',
  title_author: 'blue',
  title: 'orange',
}

/** Where a title stands, with how it is provided once published. */
export const TitleStatusTag = ({
  status,
  channel,
}: {
  status: courseTitles.TitleStatus
  channel: courseTitles.TitleChannel | null
}) => {
  const { t } = useTranslation('courseReserves')
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="title-status" data-status={status}>
      {t(`titles.status_${status}`)}
      {channel && ` · ${t(`titles.channel_${channel}`)}`}
    </Tag>
  )
}

/** How a proposal was found: the same ISBN, title and author, or title only. */
export const MatchKindTag = ({ kind }: { kind: courseTitles.MatchKind }) => {
  const { t } = useTranslation('courseReserves')
  return (
    <Tag color={MATCH_COLORS[kind]} data-match-kind={kind}>
      {t(`titles.matchedBy_${kind}`)}
    </Tag>
  )
}

/** A title's name (or ISBN), then its author, publisher, edition and ISBN in smaller type. */
export const TitleText = ({
  title,
}: {
  title: Pick<courseTitles.CourseTitle, 'title' | 'isbn13' | 'author' | 'publisher' | 'edition'>
}) => {
  const { t } = useTranslation('courseReserves')
  const details = titleDetails(title)
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      <Typography.Text strong className="sq-cr-title-name">
        {titleName(title, t('titles.unnamed'))}
      </Typography.Text>
      {(details || (title.title && title.isbn13)) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[details, title.title && title.isbn13 ? t('titles.isbn', { isbn: isbnText(title.isbn13) }) : '']
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      )}
    </Space>
  )
}
