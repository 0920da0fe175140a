import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons'
import type { RouteContract } from '@shuqiao/contracts'
import { App as AntApp, Button, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fillPath, queryString } from '../../api/client.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { downloadFrom } from './download.ts'

type Format = 'csv' | 'xlsx'

/**
 * CSV and Excel downloads of what a page shows, built by the server from the same filters
 * (every matching row, not only the loaded page), with headers in the interface language.
 */
export const ExportButtons = ({
  contract,
  params,
  query,
  fileStem,
  disabled,
  labels,
  testId,
}: {
  /** An export route that takes `format`. */
  contract: RouteContract
  params?: Record<string, string>
  query: Record<string, string | undefined>
  /** The buttons' words where a page has more than one pair. */
  labels?: { csv: string; xlsx: string }
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
    downloadFrom(
      `${fillPath(contract.path, params)}${queryString({ ...query, format })}`,
      `${fileStem}.${format}`,
    )
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
        {labels?.csv ?? t('export.csv')}
      </Button>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy === 'xlsx'}
        disabled={disabled || busy !== undefined}
        onClick={() => run('xlsx')}
        title={t('export.xlsxHint')}
        data-testid={`${testId}-xlsx`}
      >
        {labels?.xlsx ?? t('export.xlsx')}
      </Button>
    </Space.Compact>
  )
}
