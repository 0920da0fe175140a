import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons'
import type { RouteContract } from '@shuqiao/contracts'
import { App as AntApp, Button, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { queryString } from '../../api/client.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { downloadFrom } from './download.ts'

type Format = 'csv' | 'xlsx'

/**
 * CSV and Excel downloads of what a page shows, built by the server from the same filters
 * (every matching row, not only the loaded page), with headers in the interface language.
 */
export const ExportButtons = ({
  contract,
  query,
  fileStem,
  disabled,
  testId,
}: {
  /** An export route without path parameters that takes `format`. */
  contract: RouteContract
  query: Record<string, string | undefined>
  fileStem: string
  disabled?: boolean
  testId: string
}) => {
  const { t } = useTranslation('requests')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [busy, setBusy] = useState<Format>()

  const run = (format: Format) => {
    setBusy(format)
    downloadFrom(`${contract.path}${queryString({ ...query, format })}`, `${fileStem}.${format}`)
      .catch((error: unknown) => void message.error(errorText(error)))
      .finally(() => setBusy(undefined))
  }

  return (
    <Space.Compact>
      <Button
        icon={<DownloadOutlined />}
        loading={busy === 'csv'}
        disabled={disabled || busy !== undefined}
        onClick={() => run('csv')}
        title={t('export.csvHint')}
        data-testid={`${testId}-csv`}
      >
        {t('export.csv')}
      </Button>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy === 'xlsx'}
        disabled={disabled || busy !== undefined}
        onClick={() => run('xlsx')}
        title={t('export.xlsxHint')}
        data-testid={`${testId}-xlsx`}
      >
        {t('export.xlsx')}
      </Button>
    </Space.Compact>
  )
}
