import { DownloadOutlined } from '@ant-design/icons'
import type { files } from '@shuqiao/contracts'
import { Alert, App as AntApp, Button, Collapse, Modal, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { downloadText, toCsv } from '../../app/csv.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { FileUpload } from '../files/index.ts'
import { useText } from '../requests/request-types.ts'
import {
  DEGREE_LABELS,
  formatPercent,
  listLines,
  problemsByLine,
  summariseWarnings,
  templateRows,
} from './logic.ts'
import { type Preview, type ResultPreview, type ThesisPreview, useImport } from './queries.ts'

type Kind = 'theses' | 'results'
type Problem = Preview['problems'][number]

const WARNING_CODES = ['no_account', 'department_not_found', 'same_result'] as const
type WarningCode = (typeof WARNING_CODES)[number]
const isWarningCode = (code: string): code is WarningCode =>
  (WARNING_CODES as readonly string[]).includes(code)

/**
 * Imports a list of theses, or a file of results, in two steps: the file is checked as soon as it
 * is uploaded (a dry run listing every problem by line), and applied only when nothing is wrong.
 */
export const ImportModal = ({
  batchId,
  kind,
  open,
  onClose,
}: {
  batchId: string
  kind: Kind
  open: boolean
  onClose: () => void
}) => {
  const { t, i18n } = useTranslation(['similarityChecks', 'common'])
  const text = useText()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const run = useImport(batchId, kind)
  const [file, setFile] = useState<files.FileInfo>()
  const [preview, setPreview] = useState<Preview>()
  const [failure, setFailure] = useState<string>()
  const [uploadKey, setUploadKey] = useState(0)

  const reset = () => {
    setFile(undefined)
    setPreview(undefined)
    setFailure(undefined)
    setUploadKey((key) => key + 1)
  }

  const close = () => {
    reset()
    onClose()
  }

  const check = (uploaded: files.FileInfo[]) => {
    const next = uploaded[0]
    setPreview(undefined)
    setFailure(undefined)
    setFile(next)
    if (!next) return
    run.mutate(
      { fileId: next.id, dryRun: true },
      { onSuccess: setPreview, onError: (error) => setFailure(errorText(error)) },
    )
  }

  const apply = () => {
    if (!file) return
    run.mutate(
      { fileId: file.id, dryRun: false },
      {
        onSuccess: (done) => {
          void message.success(
            'created' in done
              ? t('import.appliedList', { count: done.created })
              : t('import.appliedResults', { count: done.recorded }),
          )
          close()
        },
        onError: (error) => setFailure(errorText(error)),
      },
    )
  }

  const template = () => {
    const name = kind === 'theses' ? t('import.listTitle') : t('import.resultsTitle')
    downloadText(`${name}.csv`, toCsv(templateRows(kind, i18n.language)))
  }

  const grouped = preview ? problemsByLine(preview.problems) : undefined
  const errors = preview ? preview.problems.filter((problem) => problem.severity === 'error') : []
  const warnings = preview ? summariseWarnings(preview.problems) : []
  const canApply = !!preview && grouped?.errors === 0 && preview.valid > 0
  const toApply = preview ? ('created' in preview ? preview.valid : preview.valid - preview.unchanged) : 0

  return (
    <Modal
      open={open}
      title={kind === 'theses' ? t('import.listTitle') : t('import.resultsTitle')}
      onCancel={close}
      width={880}
      destroyOnHidden
      footer={
        <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
          {file && <Button onClick={reset}>{t('import.again')}</Button>}
          <Button onClick={close}>{t('common:action.cancel')}</Button>
          <Button
            type="primary"
            disabled={!canApply || toApply === 0}
            loading={run.isPending && !!preview}
            onClick={apply}
            data-testid="import-apply"
          >
            {kind === 'theses'
              ? t('import.applyList', { count: toApply })
              : t('import.applyResults', { count: toApply })}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-modal">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {kind === 'theses' ? t('import.listHint') : t('import.resultsHint')}{' '}
          <Typography.Link onClick={template} data-testid="import-template">
            <DownloadOutlined /> {t('import.template')}
          </Typography.Link>
        </Typography.Paragraph>
        {!file && (
          <FileUpload
            key={uploadKey}
            kinds={['xlsx', 'txt']}
            maxCount={1}
            dragger
            onChange={check}
            data-testid="import-upload"
          />
        )}
        {file && run.isPending && !preview && <Alert type="info" showIcon title={t('import.checking')} />}
        {failure && <Alert type="error" showIcon role="alert" title={failure} data-testid="import-failure" />}
        {preview && grouped && (
          <>
            <Space wrap size={[8, 4]} data-testid="import-summary">
              <Typography.Text strong>{preview.fileName}</Typography.Text>
              <Tag>{t('import.rows', { rows: preview.rows })}</Tag>
              <Tag color="success">{t('import.valid', { valid: preview.valid })}</Tag>
              {grouped.errors > 0 && <Tag color="error">{t('import.errors', { count: grouped.errors })}</Tag>}
              {grouped.warnings > 0 && (
                <Tag color="warning">{t('import.warnings', { count: grouped.warnings })}</Tag>
              )}
            </Space>
            {'columns' in preview && Object.keys(preview.columns.found).length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('import.columns', {
                  columns: Object.values(preview.columns.found).join(t('common:listSeparator')),
                })}
                {preview.columns.ignored.length > 0 &&
                  ` · ${t('import.ignored', { columns: preview.columns.ignored.join(t('common:listSeparator')) })}`}
              </Typography.Text>
            )}
            {grouped.errors > 0 ? (
              <Alert type="error" showIcon title={t('import.fixFirst')} />
            ) : (
              <Alert type="success" showIcon title={t('import.noProblems')} data-testid="import-ready" />
            )}
            {errors.length > 0 && (
              <Table<Problem>
                size="small"
                rowKey={(problem) => `${problem.line}-${problem.column}-${problem.code}`}
                dataSource={errors}
                pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                data-testid="import-problems"
                columns={[
                  {
                    title: t('import.lineColumn'),
                    dataIndex: 'line',
                    width: 90,
                    render: (line: number) => (
                      <span className="sq-sc-problem-line">
                        {line ? t('import.line', { line }) : t('import.fileLine')}
                      </span>
                    ),
                  },
                  { title: t('import.problem'), dataIndex: 'message' },
                ]}
              />
            )}
            {warnings.map(({ code, lines }) => {
              const first = preview.problems.find((problem) => problem.code === code)
              return (
                <Alert
                  key={code}
                  type="warning"
                  showIcon
                  data-testid={`import-warning-${code}`}
                  title={isWarningCode(code) ? t(`import.warningCodes.${code}`) : first?.message}
                  description={t('import.warningLines', {
                    lines: listLines(lines, t('common:listSeparator'), () =>
                      t('import.moreLines', { count: lines.length }),
                    ),
                  })}
                />
              )
            })}
            {preview.items.length > 0 && (
              <Collapse
                size="small"
                items={[
                  {
                    key: 'rows',
                    label: t('import.showRows'),
                    children: (
                      <PreviewRows
                        preview={preview}
                        degreeText={(degree) => (degree ? text(DEGREE_LABELS[degree]) : '')}
                      />
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Modal>
  )
}

const PreviewRows = ({
  preview,
  degreeText,
}: {
  preview: Preview
  degreeText: (degree: ThesisPreview['items'][number]['degree']) => string
}) => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  const okTag = (ok: boolean) =>
    ok ? <Tag color="success">{t('import.ok')}</Tag> : <Tag color="error">✕</Tag>
  if ('created' in preview)
    return (
      <Table<ThesisPreview['items'][number]>
        size="small"
        rowKey="line"
        dataSource={preview.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 760 }}
        columns={[
          { title: t('import.lineColumn'), dataIndex: 'line', width: 60 },
          { title: t('field.readerNumber'), dataIndex: 'readerNumber', width: 120 },
          { title: t('field.author'), dataIndex: 'authorName', width: 80 },
          { title: t('field.title'), dataIndex: 'title', ellipsis: true },
          { title: t('field.department'), dataIndex: 'department', width: 160, ellipsis: true },
          { title: t('field.degree'), dataIndex: 'degree', width: 64, render: degreeText },
          {
            title: t('import.account'),
            dataIndex: 'accountFound',
            width: 90,
            render: (found: boolean) => (found ? t('common:state.yes') : t('common:state.no')),
          },
          { title: '', dataIndex: 'ok', width: 70, render: okTag },
        ]}
      />
    )
  const results = preview as ResultPreview
  return (
    <Table<ResultPreview['items'][number]>
      size="small"
      rowKey="line"
      dataSource={results.items}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      columns={[
        { title: t('import.lineColumn'), dataIndex: 'line', width: 60 },
        { title: t('field.readerNumber'), dataIndex: 'readerNumber', width: 120 },
        { title: t('field.author'), dataIndex: 'authorName', width: 90 },
        { title: t('field.title'), dataIndex: 'title', ellipsis: true },
        {
          title: t('field.similarity'),
          dataIndex: 'similarityPercent',
          width: 100,
          render: (value: number | null, row) =>
            value === null ? (
              ''
            ) : (
              <span className={row.passed ? 'sq-sc-pass' : 'sq-sc-fail'}>{formatPercent(value)}</span>
            ),
        },
        { title: '', dataIndex: 'ok', width: 70, render: okTag },
      ]}
    />
  )
}
