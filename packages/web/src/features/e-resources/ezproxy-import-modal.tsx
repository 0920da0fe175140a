import { InboxOutlined, ReloadOutlined } from '@ant-design/icons'
import { ezproxyImports } from '@shuqiao/contracts'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Modal, Progress, Result, Space, Table, Tag, Typography, Upload } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { urlOf } from '../../api/client.ts'
import { postFile } from '../files/index.ts'
import { importCounts, refusedImportProblems } from './staff-tools-logic.ts'

type EzproxyPreview = ezproxyImports.EzproxyImport
type ListPreview = ezproxyImports.ResourceImport
type Preview = EzproxyPreview | ListPreview
type Stanza = EzproxyPreview['stanzas'][number]
type Problem = Pick<Preview['problems'][number], 'line' | 'code' | 'severity' | 'message'> & {
  column?: string | null
}

type ModalText =
  | 'title'
  | 'intro'
  | 'drag'
  | 'hint'
  | 'uploading'
  | 'checking'
  | 'applying'
  | 'failed'
  | 'network'
  | 'apply'
  | 'cannotApply'
  | 'another'
  | 'refused'
  | 'applied'
  | 'appliedHint'
  | 'showDrafts'
  | 'done'
const LIST_TEXTS = ['title', 'intro', 'drag', 'hint', 'applied', 'appliedHint'] as const
const isListText = (key: ModalText): key is (typeof LIST_TEXTS)[number] =>
  (LIST_TEXTS as readonly string[]).includes(key)

/** What is imported: an EZproxy config.txt, or a resource list as CSV or Excel. */
export type ImportKind = 'ezproxy' | 'list'

const isList = (preview: Preview): preview is ListPreview => 'rows' in preview
type ListField =
  | 'nameZh'
  | 'nameEn'
  | 'aliases'
  | 'vendor'
  | 'platform'
  | 'kind'
  | 'subjects'
  | 'url'
  | 'routes'
  | 'freeFrom'
  | 'freeUntil'
  | 'descriptionZh'
  | 'descriptionEn'

/** How many resources a preview would add and update, and its problems of each severity. */
const countsOf = (preview: Preview) =>
  isList(preview)
    ? {
        create: preview.rows.filter((row) => row.action === 'create').length,
        update: preview.rows.filter((row) => row.action === 'update').length,
        skip: 0,
        errors: preview.problems.filter((problem) => problem.severity === 'error').length,
        warnings: preview.problems.filter((problem) => problem.severity === 'warning').length,
      }
    : importCounts(preview)

type Phase =
  | { step: 'pick' }
  | { step: 'sending'; apply: boolean; percent: number; preview: Preview | undefined }
  | { step: 'preview'; preview: Preview }
  | { step: 'applied'; result: Preview }
  | { step: 'refused'; preview: Preview | undefined; problems: Problem[] }

const ACTION_COLOURS: Record<Stanza['action'], string> = { create: 'green', update: 'blue', skip: 'default' }

const ProblemList = ({ problems }: { problems: readonly Problem[] }) => {
  const { t, i18n } = useTranslation('eResources')
  const english = i18n.language === 'en'
  return (
    <ul className="sq-res-tests" data-testid="ezproxy-problems">
      {problems.map((problem, index) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: a line may have several problems; the list never changes
          key={index}
          className="sq-res-test"
          data-testid="ezproxy-problem"
          data-line={problem.line}
          data-severity={problem.severity}
        >
          <Space size={8} wrap>
            <Tag color={problem.severity === 'error' ? 'error' : 'warning'} style={{ margin: 0 }}>
              {t(`ezproxy.severity.${problem.severity}`)}
            </Tag>
            <Typography.Text strong>{t('ezproxy.line', { line: problem.line })}</Typography.Text>
            {problem.column && <Typography.Text type="secondary">{problem.column}</Typography.Text>}
            <Typography.Text>{english ? problem.message.en : problem.message.zh}</Typography.Text>
          </Space>
        </li>
      ))}
    </ul>
  )
}

/** What a preview says the file holds and would do: stanzas, problems, what was left out. */
const PreviewView = ({ preview }: { preview: EzproxyPreview }) => {
  const { t } = useTranslation('eResources')
  const counts = importCounts(preview)
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="ezproxy-preview">
      <div>
        <Typography.Text type="secondary" data-testid="ezproxy-file">
          {t('ezproxy.file', { name: preview.fileName, encoding: preview.encoding, lines: preview.lines })}
        </Typography.Text>
        <div className="sq-res-card-foot" data-testid="ezproxy-counts">
          <Tag color="green" data-testid="ezproxy-count-create">
            {t('ezproxy.count.create', { count: counts.create })}
          </Tag>
          <Tag color="blue" data-testid="ezproxy-count-update">
            {t('ezproxy.count.update', { count: counts.update })}
          </Tag>
          <Tag data-testid="ezproxy-count-skip">{t('ezproxy.count.skip', { count: counts.skip })}</Tag>
          {counts.errors > 0 && (
            <Tag color="error" data-testid="ezproxy-count-errors">
              {t('ezproxy.count.errors', { count: counts.errors })}
            </Tag>
          )}
          {counts.warnings > 0 && (
            <Tag color="warning" data-testid="ezproxy-count-warnings">
              {t('ezproxy.count.warnings', { count: counts.warnings })}
            </Tag>
          )}
        </div>
      </div>
      {preview.problems.length > 0 && (
        <div>
          <h3 className="sq-res-section-title">{t('ezproxy.problems')}</h3>
          <ProblemList problems={preview.problems} />
        </div>
      )}
      <div>
        <h3 className="sq-res-section-title">{t('ezproxy.stanzas')}</h3>
        {preview.stanzas.length === 0 ? (
          <Typography.Text type="secondary">{t('ezproxy.noStanzas')}</Typography.Text>
        ) : (
          <Table<Stanza>
            rowKey="line"
            size="small"
            dataSource={preview.stanzas}
            pagination={preview.stanzas.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 720 }}
            data-testid="ezproxy-stanzas"
            columns={[
              { title: t('ezproxy.column.line'), dataIndex: 'line', width: 60 },
              {
                title: t('ezproxy.column.title'),
                key: 'title',
                render: (_, row) => (
                  <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                    <Typography.Text strong>{row.title}</Typography.Text>
                    {row.url && (
                      <Typography.Text type="secondary" className="sq-res-link-text">
                        {row.url}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('ezproxy.column.hosts'),
                key: 'hosts',
                width: 150,
                render: (_, row) => (
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12 }}
                    title={[...row.hosts, ...row.domains].join('\n')}
                  >
                    {t('ezproxy.hostsCount', { hosts: row.hosts.length, domains: row.domains.length })}
                  </Typography.Text>
                ),
              },
              {
                title: t('ezproxy.column.action'),
                dataIndex: 'action',
                width: 90,
                render: (action: Stanza['action']) => (
                  <Tag color={ACTION_COLOURS[action]} data-testid="ezproxy-action" data-action={action}>
                    {t(`ezproxy.action.${action}`)}
                  </Tag>
                ),
              },
              {
                title: t('ezproxy.column.existing'),
                key: 'existing',
                width: 170,
                render: (_, row) =>
                  row.existing?.nameZh ?? <Typography.Text type="secondary">—</Typography.Text>,
              },
            ]}
          />
        )}
      </div>
      {preview.skipped.length > 0 && (
        <div data-testid="ezproxy-skipped">
          <h3 className="sq-res-section-title">{t('ezproxy.skipped')}</h3>
          <Space size={[6, 6]} wrap>
            {preview.skipped.map((skipped) => (
              <Tag key={skipped.directive} style={{ margin: 0 }} title={skipped.lines.join(', ')}>
                <strong>{skipped.directive}</strong> × {skipped.count}
                <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 6 }}>
                  {t('ezproxy.skippedLines', {
                    lines:
                      skipped.lines.length > 6
                        ? `${skipped.lines.slice(0, 6).join(', ')} …`
                        : skipped.lines.join(', '),
                  })}
                </span>
              </Tag>
            ))}
          </Space>
        </div>
      )}
      {preview.includeFiles.length > 0 && (
        <div data-testid="ezproxy-include-files">
          <h3 className="sq-res-section-title">{t('ezproxy.includeFiles')}</h3>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
            {t('ezproxy.includeHint')}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {preview.includeFiles.map((include) => (
              <li key={`${include.line}-${include.file}`}>
                {t('ezproxy.line', { line: include.line })}：<code>{include.file}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Space>
  )
}

/** What a resource list's preview says: which column feeds which field, each row, each problem. */
const ListPreviewView = ({ preview }: { preview: ListPreview }) => {
  const { t } = useTranslation('eResources')
  const counts = countsOf(preview)
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="list-import-preview">
      <div>
        <Typography.Text type="secondary">
          {t('listImport.file', { name: preview.fileName, rows: preview.rowsTotal })}
        </Typography.Text>
        <div className="sq-res-card-foot">
          <Tag color="green" data-testid="list-import-count-create">
            {t('ezproxy.count.create', { count: counts.create })}
          </Tag>
          <Tag color="blue" data-testid="list-import-count-update">
            {t('ezproxy.count.update', { count: counts.update })}
          </Tag>
          {counts.errors > 0 && (
            <Tag color="error">{t('ezproxy.count.errors', { count: counts.errors })}</Tag>
          )}
        </div>
      </div>
      <div>
        <h3 className="sq-res-section-title">{t('listImport.columns')}</h3>
        <Space size={[6, 6]} wrap>
          {preview.columns.map((column) => (
            <Tag key={column.header} color={column.field ? 'blue' : undefined} style={{ margin: 0 }}>
              {column.header} →{' '}
              {column.field ? t(`listImport.field.${column.field as ListField}`) : t('listImport.ignored')}
            </Tag>
          ))}
        </Space>
      </div>
      {preview.problems.length > 0 && (
        <div>
          <h3 className="sq-res-section-title">{t('ezproxy.problems')}</h3>
          <ProblemList problems={preview.problems} />
        </div>
      )}
      <Table<ListPreview['rows'][number]>
        size="small"
        rowKey="line"
        pagination={preview.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={preview.rows}
        scroll={{ x: 640 }}
        data-testid="list-import-rows"
        columns={[
          { title: t('ezproxy.column.line'), dataIndex: 'line', width: 64 },
          {
            title: t('listImport.name'),
            render: (_, row) => (
              <>
                <div>{row.nameZh}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.url}
                </Typography.Text>
              </>
            ),
          },
          {
            title: t('ezproxy.column.action'),
            width: 96,
            render: (_, row) => (
              <Tag color={ACTION_COLOURS[row.action]} data-testid="list-import-action">
                {t(`ezproxy.action.${row.action}`)}
              </Tag>
            ),
          },
          {
            title: t('ezproxy.column.existing'),
            width: 200,
            render: (_, row) => row.existing?.nameZh ?? '—',
          },
        ]}
      />
    </Space>
  )
}

/**
 * 导入 EZproxy 配置: upload config.txt for a preview of what each stanza would do, then import it
 * all at once by sending the same file again with ?apply=true. A file with errors imports nothing.
 */
export const EzproxyImportModal = ({
  kind = 'ezproxy',
  open,
  onClose,
  onShowDrafts,
}: {
  kind?: ImportKind
  open: boolean
  onClose: () => void
  /** After importing: show the directory's drafts, where the new resources are. */
  onShowDrafts: () => void
}) => {
  const { t } = useTranslation(['eResources', 'common'])
  const queryClient = useQueryClient()
  const [phase, setPhase] = useState<Phase>({ step: 'pick' })
  const [file, setFile] = useState<File>()
  const [problem, setProblem] = useState<string>()
  const abort = useRef<(() => void) | undefined>(undefined)
  const preview =
    phase.step === 'preview' || phase.step === 'refused' || phase.step === 'sending'
      ? phase.preview
      : undefined
  const counts = preview ? countsOf(preview) : undefined
  // The words and test ids of each kind of import: `ezproxy.*`, and `listImport.*` where a list
  // says it differently.
  const text = (key: ModalText, values?: Record<string, string | number | undefined>) =>
    kind === 'list' && isListText(key) ? t(`listImport.${key}`, values) : t(`ezproxy.${key}`, values)
  const id = (name: string) => `${kind === 'list' ? 'list-import' : 'ezproxy'}-${name}`

  const reset = () => {
    abort.current?.()
    abort.current = undefined
    setPhase({ step: 'pick' })
    setFile(undefined)
    setProblem(undefined)
  }
  const close = () => {
    reset()
    onClose()
  }

  const send = (chosen: File, apply: boolean) => {
    setProblem(undefined)
    const before = preview
    setPhase({ step: 'sending', apply, percent: 0, preview: before })
    abort.current = postFile<Preview>(
      urlOf(kind === 'list' ? ezproxyImports.importResources : ezproxyImports.importEzproxyConfig, {
        query: { apply: apply ? 'true' : 'false' },
      }),
      chosen,
      chosen.name,
      {
        onProgress: (percent) => setPhase({ step: 'sending', apply, percent, preview: before }),
        onDone: (answer) => {
          abort.current = undefined
          if (answer.applied) {
            // New drafts and new proxy routes: every list and resource may show them.
            void queryClient.invalidateQueries({ queryKey: ['e-resources'] })
            setPhase({ step: 'applied', result: answer })
          } else setPhase({ step: 'preview', preview: answer })
        },
        onProblem: (refused, body) => {
          abort.current = undefined
          const problems = refusedImportProblems(body)
          if (problems) {
            setPhase({ step: 'refused', preview: before, problems })
            return
          }
          setPhase(before ? { step: 'preview', preview: before } : { step: 'pick' })
          setProblem(text('failed', { name: chosen.name, detail: refused.detail }))
        },
      },
      text('network'),
    )
  }

  const sending = phase.step === 'sending'
  const canApply =
    phase.step === 'preview' && !!file && counts!.errors === 0 && counts!.create + counts!.update > 0

  const footer =
    phase.step === 'applied' ? (
      <Space>
        <Button onClick={close} data-testid={id('done')}>
          {text('done')}
        </Button>
        {phase.result.created > 0 && (
          <Button
            type="primary"
            onClick={() => {
              onShowDrafts()
              close()
            }}
            data-testid={id('show-drafts')}
          >
            {text('showDrafts')}
          </Button>
        )}
      </Space>
    ) : (
      <Space wrap style={{ justifyContent: 'flex-end' }}>
        {(preview || phase.step === 'refused') && (
          <Button icon={<ReloadOutlined />} onClick={reset} disabled={sending} data-testid={id('another')}>
            {text('another')}
          </Button>
        )}
        <Button onClick={close}>{t('common:action.cancel')}</Button>
        {(phase.step === 'preview' || (phase.step === 'sending' && phase.apply)) && (
          <Button
            type="primary"
            disabled={!canApply && !sending}
            loading={sending}
            onClick={() => file && send(file, true)}
            data-testid={id('apply')}
          >
            {text('apply')}
          </Button>
        )}
      </Space>
    )

  return (
    <Modal
      open={open}
      title={text('title')}
      onCancel={close}
      footer={footer}
      destroyOnHidden
      width={920}
      maskClosable={!sending}
      data-testid={id('modal')}
    >
      {phase.step === 'applied' ? (
        <Result
          status="success"
          title={text('applied', { created: phase.result.created, updated: phase.result.updated })}
          subTitle={phase.result.created > 0 ? text('appliedHint') : undefined}
          data-testid={id('applied')}
        />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {!preview && phase.step !== 'refused' && (
            <>
              <Typography.Text type="secondary">{text('intro')}</Typography.Text>
              <div data-testid={id('upload')}>
                <Upload.Dragger
                  accept={kind === 'list' ? '.csv,.xlsx,.txt,.tsv' : '.txt,.cfg,.conf,text/plain'}
                  multiple={false}
                  maxCount={1}
                  showUploadList={false}
                  disabled={sending}
                  beforeUpload={(chosen) => {
                    setFile(chosen)
                    send(chosen, false)
                    return false
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{text('drag')}</p>
                  <p className="ant-upload-hint" style={{ paddingInline: 16 }}>
                    {text('hint')}
                  </p>
                </Upload.Dragger>
              </div>
            </>
          )}
          {sending && (
            <div data-testid={id('progress')} aria-live="polite">
              <Progress percent={Math.min(phase.percent, 100)} status="active" showInfo={false} />
              <Typography.Text type="secondary">
                {phase.apply
                  ? text('applying')
                  : phase.percent >= 100
                    ? text('checking')
                    : text('uploading', { percent: phase.percent })}
              </Typography.Text>
            </div>
          )}
          {problem && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={problem}
              data-testid={id('error')}
              closable={{ onClose: () => setProblem(undefined) }}
            />
          )}
          {phase.step === 'refused' && (
            <>
              <Alert type="error" showIcon role="alert" title={text('refused')} data-testid={id('refused')} />
              <ProblemList problems={phase.problems} />
            </>
          )}
          {phase.step === 'preview' && counts!.errors > 0 && (
            <Alert
              type="error"
              showIcon
              title={text('cannotApply', { count: counts!.errors })}
              data-testid={id('cannot-apply')}
            />
          )}
          {preview &&
            phase.step !== 'refused' &&
            (isList(preview) ? <ListPreviewView preview={preview} /> : <PreviewView preview={preview} />)}
        </Space>
      )}
    </Modal>
  )
}
