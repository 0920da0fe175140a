import { PlusOutlined, RollbackOutlined, UndoOutlined } from '@ant-design/icons'
import { MAX_DISCIPLINES } from '@shuqiao/contracts'
import { Alert, App as AntApp, Button, Empty, Input, Skeleton, Space, Table, Tag, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../../api/client.ts'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import {
  cellKey,
  changeRow,
  type DisciplineField,
  type DisciplineProblem,
  type DisciplineRow,
  disciplineInputOf,
  moveRow,
  type RowProblems,
  rowProblemsOf,
  rowsOf,
  sameList,
  serverProblemsOf,
  withNewRow,
  withoutRow,
} from './discipline-list-logic.ts'
import { ListItemButtons } from './list-item-buttons.tsx'
import { useDisciplines, useSaveDisciplines } from './queries.ts'

const PLACEHOLDERS: Record<DisciplineField, string> = {
  code: '0812',
  zh: '计算机科学与技术',
  en: 'Computer science and technology',
}

/**
 * 学科列表: the disciplines the library files resources and guides under, in its order; the
 * national categories until the library admin saves a list of its own.
 */
export const DisciplineList = ({ editable }: { editable: boolean }) => {
  const { t } = useTranslation(['eResources', 'common'])
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const saved = useDisciplines(null)
  const save = useSaveDisciplines()
  const [rows, setRows] = useState<DisciplineRow[]>([])
  // Problems are shown once a save was tried, and then kept up to date while typing.
  const [tried, setTried] = useState(false)
  const [server, setServer] = useState<{ cells: RowProblems; general: string[] }>({ cells: {}, general: [] })

  useEffect(() => {
    if (saved.data) setRows(rowsOf(saved.data.items))
  }, [saved.data])

  const local = useMemo(() => rowProblemsOf(rows), [rows])
  const dirty = !!saved.data && !sameList(rows, saved.data.items)

  if (saved.isPending) return <Skeleton active paragraph={{ rows: 6 }} />
  if (saved.isError)
    return <PageError error={saved.error} onRetry={() => void saved.refetch()} backTo="/staff" />

  const edit = (next: DisciplineRow[]) => {
    setRows(next)
    // The server's word was about the rows as they were sent.
    setServer({ cells: {}, general: [] })
  }

  const problemText = (problem: DisciplineProblem) =>
    problem.kind === 'server' ? problem.message : t(`disciplines.problem.${problem.kind}`)

  const problemAt = (index: number, field: DisciplineField) =>
    server.cells[cellKey(index, field)] ?? (tried ? local[cellKey(index, field)] : undefined)

  const onFailed = (error: unknown) => {
    if (error instanceof ApiProblem && error.errors.length > 0) setServer(serverProblemsOf(error.errors))
    else setServer({ cells: {}, general: [errorText(error)] })
  }

  const submit = () => {
    setTried(true)
    if (Object.keys(local).length > 0) {
      void message.error(t('disciplines.fixFirst'))
      return
    }
    save.mutate(disciplineInputOf(rows), {
      onSuccess: () => {
        setTried(false)
        void message.success(t('disciplines.saved'))
      },
      onError: onFailed,
    })
  }

  const reset = () =>
    modal.confirm({
      title: t('disciplines.resetConfirmTitle'),
      content: t('disciplines.resetConfirmText'),
      okText: t('disciplines.reset'),
      cancelText: t('common:action.cancel'),
      okButtonProps: { 'data-testid': 'confirm-ok' } as Record<string, string>,
      onOk: () =>
        save
          .mutateAsync({ items: [] })
          .then(() => {
            setTried(false)
            void message.success(t('disciplines.resetDone'))
          })
          .catch(onFailed),
    })

  const cell = (field: DisciplineField) => (_: unknown, row: DisciplineRow, index: number) => {
    if (!editable) return field === 'code' ? <code>{row.code}</code> : row[field]
    const problem = problemAt(index, field)
    return (
      <div>
        <Input
          size="small"
          value={row[field]}
          status={problem ? 'error' : undefined}
          onChange={(event) => edit(changeRow(rows, index, field, event.target.value))}
          placeholder={PLACEHOLDERS[field]}
          spellCheck={field === 'en'}
          maxLength={field === 'code' ? 12 : undefined}
          aria-label={`${t(`disciplines.column.${field}`)} ${index + 1}`}
          aria-invalid={problem ? true : undefined}
          className={field === 'code' ? 'sq-res-input' : undefined}
          data-testid={`discipline-${field}`}
        />
        {problem && (
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="discipline-problem">
            {problemText(problem)}
          </Typography.Text>
        )}
      </div>
    )
  }

  const full = rows.length >= MAX_DISCIPLINES

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="discipline-list">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
        {t('disciplines.intro')}
      </Typography.Paragraph>
      <Space size={8} wrap>
        {saved.data.custom ? (
          <Tag color="blue" data-testid="discipline-list-kind" data-custom="true">
            {t('disciplines.custom', { count: saved.data.items.length })}
          </Tag>
        ) : (
          <Tag data-testid="discipline-list-kind" data-custom="false">
            {t('disciplines.national')}
          </Tag>
        )}
        {dirty && (
          <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="discipline-unsaved">
            {t('disciplines.unsaved')}
          </Typography.Text>
        )}
      </Space>
      {server.general.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('disciplines.notSaved')}
          description={server.general.join(' ')}
          data-testid="discipline-error"
        />
      )}
      {rows.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('disciplines.empty')}
          data-testid="discipline-empty"
        />
      ) : (
        <Table<DisciplineRow>
          rowKey="key"
          size="small"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 720, y: 480 }}
          data-testid="discipline-table"
          columns={[
            {
              title: t('disciplines.column.position'),
              key: 'position',
              width: 56,
              render: (_, __, index) => index + 1,
            },
            { title: t('disciplines.column.code'), key: 'code', width: 130, render: cell('code') },
            { title: t('disciplines.column.zh'), key: 'zh', render: cell('zh') },
            { title: t('disciplines.column.en'), key: 'en', render: cell('en') },
            ...(editable
              ? [
                  {
                    title: t('common:table.actions'),
                    key: 'actions',
                    width: 110,
                    render: (_: unknown, __: DisciplineRow, index: number) => (
                      <ListItemButtons
                        index={index}
                        count={rows.length}
                        onMove={(from, to) => edit(moveRow(rows, from, to))}
                        onRemove={() => edit(withoutRow(rows, index))}
                        testId="discipline"
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editable && (
        <Space wrap>
          <Button
            icon={<PlusOutlined />}
            onClick={() => edit(withNewRow(rows))}
            disabled={full || save.isPending}
            title={full ? t('disciplines.full', { max: MAX_DISCIPLINES }) : undefined}
            data-testid="discipline-add"
          >
            {t('disciplines.add')}
          </Button>
          <Button
            type="primary"
            onClick={submit}
            loading={save.isPending}
            disabled={!dirty || rows.length === 0}
            data-testid="discipline-save"
          >
            {t('disciplines.save')}
          </Button>
          {dirty && (
            <Button
              icon={<UndoOutlined />}
              onClick={() => {
                setTried(false)
                edit(rowsOf(saved.data.items))
              }}
              disabled={save.isPending}
              data-testid="discipline-discard"
            >
              {t('disciplines.discard')}
            </Button>
          )}
          {saved.data.custom && (
            <Button
              icon={<RollbackOutlined />}
              onClick={reset}
              disabled={save.isPending}
              data-testid="discipline-reset"
            >
              {t('disciplines.reset')}
            </Button>
          )}
        </Space>
      )}
    </Space>
  )
}
