import { DownloadOutlined } from '@ant-design/icons'
import { Alert, Button, Modal, Result, Space, Steps, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import { FileUpload } from '../files/index.ts'
import { ImportMapping } from './import-mapping.tsx'
import { ImportPreviewPanel } from './import-preview.tsx'
import { useImportSteps } from './import-steps.ts'
import { mappingOf, SAMPLE_COURSES, SAMPLE_ENROLMENTS, sameMapping, summarise } from './logic.ts'
import { type Term, useImportCourses } from './queries.ts'

/** 10 MiB, as the server takes at most. */
const MAX_BYTES = 10 * 1024 * 1024

/**
 * Imports the academic affairs office's file into a term: choose the file; check the columns
 * matched to its headers (changing one checks the file again); read the preview's counts and
 * every problem by line; import all at once, only when nothing is wrong.
 */
export const ImportModal = ({ term, open, onClose }: { term: Term; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const name = useBilingual()
  const run = useImportCourses()
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
  const changed = !!preview && !!mapping && !sameMapping(mapping, mappingOf(preview))
  const canApply = !!preview && summarise(preview).canApply && !changed
  const step = done ? 3 : !preview ? 0 : changed ? 1 : 2

  return (
    <Modal
      open={open}
      title={t('import.title')}
      onCancel={close}
      width={920}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={close} data-testid="course-import-close">
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
              data-testid="course-import-apply"
            >
              {t('import.apply')}
            </Button>
          </Space>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="course-import-modal">
        <Steps
          size="small"
          current={step}
          items={(['file', 'columns', 'preview', 'done'] as const).map((key) => ({
            title: t(`import.steps.${key}`),
          }))}
        />
        <Typography.Text strong>{t('import.intoTerm', { term: name(term) })}</Typography.Text>
        {done ? (
          <Result
            status="success"
            title={t('import.applied', {
              create: done.counts.courses.create,
              update: done.counts.courses.update,
              teachers: done.counts.teachers.add,
              enrolments: done.counts.enrolments.add,
            })}
            data-testid="course-import-done"
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('import.hint')} {t('import.samples')}{' '}
              <Typography.Link href={SAMPLE_COURSES} download data-testid="course-import-sample-courses">
                <DownloadOutlined /> {t('import.sampleCourses')}
              </Typography.Link>
              {t('common:listSeparator')}
              <Typography.Link
                href={SAMPLE_ENROLMENTS}
                download
                data-testid="course-import-sample-enrolments"
              >
                <DownloadOutlined /> {t('import.sampleEnrolments')}
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
                data-testid="course-import-upload"
              />
            )}
            {file && run.isPending && !preview && <Alert type="info" showIcon title={t('import.checking')} />}
            {failure && (
              <Alert type="error" showIcon role="alert" title={failure} data-testid="course-import-failure" />
            )}
            {file && preview && mapping && preview.headers.length > 0 && (
              <>
                <Typography.Text type="secondary">{t('import.columnsHint')}</Typography.Text>
                <ImportMapping headers={preview.headers} mapping={mapping} onChange={setMapping} />
                {changed && (
                  <Button
                    onClick={() => check(file.id, mapping)}
                    loading={run.isPending}
                    data-testid="course-import-recheck"
                  >
                    {t('import.recheck')}
                  </Button>
                )}
              </>
            )}
            {preview && !changed && <ImportPreviewPanel preview={preview} />}
          </>
        )}
      </Space>
    </Modal>
  )
}
