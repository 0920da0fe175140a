import { DownloadOutlined } from '@ant-design/icons'
import { titleImports } from '@shuqiao/contracts'
import { Alert, Button, Modal, Result, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import { FileUpload } from '../files/index.ts'
import { ImportMapping } from './import-mapping.tsx'
import { ProblemTable } from './import-preview.tsx'
import { useImportSteps } from './import-steps.ts'
import { summarise } from './logic.ts'
import type { Term } from './queries.ts'
import { useImportDemand } from './title-queries.ts'
import { SAMPLE_DEMAND_LIST } from './titles-logic.ts'

const { DEMAND_FIELDS, DEMAND_LABELS } = titleImports
type Field = titleImports.DemandField
type Mapping = Record<Field, string | null>

const MAX_BYTES = 10 * 1024 * 1024

const mappingOf = (answer: { mapping: Record<string, string | null> }) =>
  Object.fromEntries(DEMAND_FIELDS.map((field) => [field, answer.mapping[field] ?? null])) as Mapping
const same = (a: Mapping, b: Mapping) => DEMAND_FIELDS.every((field) => a[field] === b[field])

/**
 * Imports a school-wide demand list into a term: the columns matched to its headers (changing
 * one checks the file again), the preview's counts and every problem by line, then all at once.
 */
export const DemandImportModal = ({
  term,
  open,
  onClose,
}: {
  term: Term
  open: boolean
  onClose: () => void
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const name = useBilingual()
  const run = useImportDemand()
  const {
    file,
    setFile,
    preview,
    mapping,
    setMapping,
    done,
    failure,
    uploadKey,
    reset,
    close,
    check,
    apply,
  } = useImportSteps(run, term.id, mappingOf, onClose)
  const changed = !!preview && !!mapping && !same(mapping, mappingOf(preview))
  const summary = preview ? summarise(preview) : undefined
  const canApply = !!summary?.canApply && !changed

  return (
    <Modal
      open={open}
      title={t('demandImport.title')}
      onCancel={close}
      width={880}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={close} data-testid="demand-import-close">
            {t('import.close')}
          </Button>
        ) : (
          <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
            {file && <Button onClick={reset}>{t('import.again')}</Button>}
            <Button onClick={close}>{t('common:action.cancel')}</Button>
            <Button
              type="primary"
              disabled={!canApply}
              loading={run.isPending && !!preview}
              onClick={apply}
              data-testid="demand-import-apply"
            >
              {t('import.apply')}
            </Button>
          </Space>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="demand-import-modal">
        <Typography.Text strong>{t('import.intoTerm', { term: name(term) })}</Typography.Text>
        {done ? (
          <Result
            status="success"
            title={t('demandImport.applied', {
              create: done.counts.titles.create,
              add: done.counts.requests.add,
              proposed: done.proposed,
            })}
            data-testid="demand-import-done"
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('demandImport.hint')}{' '}
              <Typography.Link href={SAMPLE_DEMAND_LIST} download data-testid="demand-import-sample">
                <DownloadOutlined /> {t('demandImport.sample')}
              </Typography.Link>
            </Typography.Paragraph>
            {!file && (
              <FileUpload
                key={uploadKey}
                kinds={['xlsx', 'txt']}
                maxBytes={MAX_BYTES}
                maxCount={1}
                dragger
                onChange={(uploaded) => {
                  const next = uploaded[0]
                  setFile(next)
                  if (next) check(next.id)
                }}
                data-testid="demand-import-upload"
              />
            )}
            {file && run.isPending && !preview && <Alert type="info" showIcon title={t('import.checking')} />}
            {failure && (
              <Alert type="error" showIcon role="alert" title={failure} data-testid="demand-import-failure" />
            )}
            {file && preview && mapping && preview.headers.length > 0 && (
              <>
                <Typography.Text type="secondary">{t('import.columnsHint')}</Typography.Text>
                <ImportMapping<Field>
                  headers={preview.headers}
                  mapping={mapping}
                  onChange={setMapping}
                  fields={DEMAND_FIELDS}
                  labels={DEMAND_LABELS}
                  required="courseCode"
                  testId="demand-import"
                />
                {changed && (
                  <Button onClick={() => check(file.id, mapping)} loading={run.isPending}>
                    {t('import.recheck')}
                  </Button>
                )}
              </>
            )}
            {preview && summary && !changed && (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <Space wrap size={[8, 4]}>
                  <Typography.Text strong>{preview.fileName}</Typography.Text>
                  <Tag>{t('import.rows', { rows: preview.rows })}</Tag>
                  {summary.errors.length > 0 && (
                    <Tag color="error">{t('import.errors', { count: summary.errors.length })}</Tag>
                  )}
                  {summary.warnings.length > 0 && (
                    <Tag color="warning">
                      {t('import.warnings', { count: summary.warnings.length + preview.problemsOmitted })}
                    </Tag>
                  )}
                </Space>
                <div data-testid="demand-import-counts">
                  <Typography.Text style={{ display: 'block' }}>
                    {t('demandImport.counts.titles', preview.counts.titles)}
                  </Typography.Text>
                  <Typography.Text style={{ display: 'block' }}>
                    {t('demandImport.counts.requests', {
                      ...preview.counts.requests,
                      courses: preview.counts.courses,
                    })}
                  </Typography.Text>
                </div>
                {summary.errors.length > 0 ? (
                  <Alert type="error" showIcon title={t('import.fixFirst')} />
                ) : (
                  preview.rows > 0 && (
                    <Alert
                      type="success"
                      showIcon
                      title={t('import.ready')}
                      data-testid="demand-import-ready"
                    />
                  )
                )}
                {preview.problems.length > 0 && (
                  <ProblemTable problems={preview.problems} testId="demand-import-problems" />
                )}
              </Space>
            )}
          </>
        )}
      </Space>
    </Modal>
  )
}
