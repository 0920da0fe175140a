import { DownloadOutlined } from '@ant-design/icons'
import type { files } from '@shuqiao/contracts'
import { Alert, Button, Checkbox, Input, Modal, Radio, Result, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LinkButton } from '../../app/link-button.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { FileUpload } from '../files/index.ts'
import { ProblemTable } from './import-preview.tsx'
import { summarise } from './logic.ts'
import { type HoldingsPreview, type Platform, useImportHoldings } from './title-queries.ts'
import { platformNameOf, SAMPLE_KBART } from './titles-logic.ts'

/** The upload limit of the server's default configuration (FILE_MAX_BYTES). */
const MAX_BYTES = 20 * 1024 * 1024

type Target = { kind: 'new'; name: string; openAccess: boolean } | { kind: 'existing'; platformId: string }

/**
 * Imports a platform's KBART file or title list: choose the platform (a new one is named after
 * the file until renamed), upload, read the preview's counts, columns and problems, then import,
 * which replaces the platform's titles and matches the requested titles against them.
 */
export const HoldingsImportModal = ({
  open,
  platforms,
  initial,
  onClose,
}: {
  open: boolean
  platforms: readonly Platform[]
  /** Opened from a platform's row: import into it. */
  initial?: Platform | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const errorText = useErrorText()
  const run = useImportHoldings()
  const [target, setTarget] = useState<Target>(
    initial ? { kind: 'existing', platformId: initial.id } : { kind: 'new', name: '', openAccess: false },
  )
  const [file, setFile] = useState<files.FileInfo>()
  const [preview, setPreview] = useState<HoldingsPreview>()
  const [done, setDone] = useState<HoldingsPreview>()
  const [failure, setFailure] = useState<string>()

  const platformOf = (chosen: Target) =>
    chosen.kind === 'existing'
      ? { platformId: chosen.platformId }
      : { platformName: chosen.name.trim(), openAccess: chosen.openAccess }
  const ready = target.kind === 'existing' || target.name.trim() !== ''
  const existing =
    target.kind === 'existing'
      ? platforms.find((platform) => platform.id === target.platformId)
      : platforms.find((platform) => platform.name === target.name.trim())

  const check = (fileId: string, chosen: Target) => {
    setFailure(undefined)
    run.mutate(
      { fileId, dryRun: true, ...platformOf(chosen) },
      { onSuccess: setPreview, onError: (error) => setFailure(errorText(error)) },
    )
  }
  const apply = () => {
    if (!file) return
    run.mutate(
      { fileId: file.id, dryRun: false, ...platformOf(target) },
      { onSuccess: setDone, onError: (error) => setFailure(errorText(error)) },
    )
  }
  const summary = preview ? summarise(preview) : undefined

  return (
    <Modal
      open={open}
      title={t('holdings.modal')}
      onCancel={onClose}
      width={820}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose} data-testid="holdings-import-close">
            {t('import.close')}
          </Button>
        ) : (
          <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
            <Button onClick={onClose}>{t('common:action.cancel')}</Button>
            <Button
              type="primary"
              disabled={!summary?.canApply || !ready}
              loading={run.isPending && !!preview}
              onClick={apply}
              data-testid="holdings-import-apply"
            >
              {t('holdings.apply')}
            </Button>
          </Space>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="holdings-import-modal">
        {done ? (
          <Result
            status="success"
            title={t('holdings.applied', {
              titles: done.counts.titles,
              name: done.platform?.name ?? '',
              proposed: done.proposed,
            })}
            extra={
              done.proposed > 0 && (
                <LinkButton
                  to="/staff/course-reserves/titles?match=proposed"
                  type="primary"
                  data-testid="holdings-see-proposals"
                >
                  {t('holdings.seeProposals')}
                </LinkButton>
              )
            }
            data-testid="holdings-import-done"
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('holdings.hint')}{' '}
              <Typography.Link href={SAMPLE_KBART} download data-testid="holdings-import-sample">
                <DownloadOutlined /> {t('holdings.sample')}
              </Typography.Link>
            </Typography.Paragraph>
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              <Typography.Text strong>{t('holdings.platform')}</Typography.Text>
              <Radio.Group
                value={target.kind}
                onChange={(event) =>
                  setTarget(
                    event.target.value === 'existing' && platforms[0]
                      ? { kind: 'existing', platformId: platforms[0].id }
                      : { kind: 'new', name: file ? platformNameOf(file.name) : '', openAccess: false },
                  )
                }
                data-testid="holdings-import-target"
              >
                <Radio value="new">{t('holdings.newPlatform')}</Radio>
                <Radio value="existing" disabled={platforms.length === 0}>
                  {t('holdings.existingPlatform')}
                </Radio>
              </Radio.Group>
              {target.kind === 'existing' ? (
                <Select
                  value={target.platformId}
                  onChange={(platformId: string) => setTarget({ kind: 'existing', platformId })}
                  options={platforms.map((platform) => ({ value: platform.id, label: platform.name }))}
                  style={{ width: '100%' }}
                  data-testid="holdings-import-platform"
                />
              ) : (
                <>
                  <Input
                    value={target.name}
                    onChange={(event) => setTarget({ ...target, name: event.target.value })}
                    placeholder={t('holdings.platformNameHint')}
                    aria-label={t('holdings.platformName')}
                    maxLength={120}
                    data-testid="holdings-import-name"
                  />
                  <Checkbox
                    checked={target.openAccess}
                    onChange={(event) => setTarget({ ...target, openAccess: event.target.checked })}
                    data-testid="holdings-import-open-access"
                  >
                    {t('holdings.openAccessLabel')}
                  </Checkbox>
                </>
              )}
            </Space>
            {!file && (
              <FileUpload
                kinds={['txt', 'xlsx']}
                maxBytes={MAX_BYTES}
                maxCount={1}
                dragger
                onChange={(uploaded) => {
                  const next = uploaded[0]
                  setFile(next)
                  if (!next) return
                  const chosen =
                    target.kind === 'new' && !target.name.trim()
                      ? { ...target, name: platformNameOf(next.name) }
                      : target
                  setTarget(chosen)
                  check(next.id, chosen)
                }}
                data-testid="holdings-import-upload"
              />
            )}
            {file && run.isPending && !preview && (
              <Alert type="info" showIcon title={t('holdings.checking')} />
            )}
            {failure && (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={failure}
                data-testid="holdings-import-failure"
              />
            )}
            {preview && summary && (
              <Space
                orientation="vertical"
                size={8}
                style={{ width: '100%' }}
                data-testid="holdings-import-preview"
              >
                <Space wrap size={[8, 4]}>
                  <Typography.Text strong>{preview.fileName}</Typography.Text>
                  <Tag color="blue">{t(`holdings.format_${preview.format}`)}</Tag>
                  <Tag>{t('holdings.rows', { rows: preview.rows })}</Tag>
                  {summary.errors.length > 0 && (
                    <Tag color="error">{t('holdings.errors', { count: summary.errors.length })}</Tag>
                  )}
                  {summary.warnings.length > 0 && (
                    <Tag color="warning">
                      {t('holdings.warnings', { count: summary.warnings.length + preview.problemsOmitted })}
                    </Tag>
                  )}
                </Space>
                <Typography.Text data-testid="holdings-import-counts">
                  {t('holdings.counts', preview.counts)}
                </Typography.Text>
                {Object.keys(preview.columns).length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('holdings.columns')}: {Object.values(preview.columns).join(t('common:listSeparator'))}
                  </Typography.Text>
                )}
                {preview.ignoredColumns.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('holdings.ignored', {
                      columns: preview.ignoredColumns.join(t('common:listSeparator')),
                    })}
                  </Typography.Text>
                )}
                {existing && existing.titleCount > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('holdings.replaces', { count: existing.titleCount, name: existing.name })}
                  />
                )}
                {summary.errors.length > 0 ? (
                  <Alert type="error" showIcon title={t('holdings.fixFirst')} />
                ) : (
                  <Alert
                    type="success"
                    showIcon
                    title={t('holdings.ready')}
                    data-testid="holdings-import-ready"
                  />
                )}
                {preview.problems.length > 0 && (
                  <ProblemTable problems={preview.problems} testId="holdings-import-problems" />
                )}
              </Space>
            )}
          </>
        )}
      </Space>
    </Modal>
  )
}
