import { Typography } from 'antd'
import type { ReactNode } from 'react'

/** Page title (an h1) with the page's main actions beside it. */
export const PageHead = ({
  title,
  extra,
  intro,
}: {
  title: string
  extra?: ReactNode
  intro?: ReactNode
}) => (
  <>
    <div className="sq-page-head">
      <h1>{title}</h1>
      {extra}
    </div>
    {intro && (
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {intro}
      </Typography.Paragraph>
    )}
  </>
)
