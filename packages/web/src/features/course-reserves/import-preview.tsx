import type { courseImports } from '@shuqiao/contracts'
import { Alert, Collapse, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { summarise } from './logic.ts'
import type { ImportPreview } from './queries.ts'

type Problem = courseImports.ImportProblem
type PreviewCourse = ImportPreview['courses'][number]

const ACTION_COLORS = { create: 'success', update: 'processing', unchanged: 'default' } as const

/** What an import would do (or did): counts, every problem by line, and the file's courses. */
export const ImportPreviewPanel = ({ preview }: { preview: ImportPreview }) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const { errors, warnings } = summarise(preview)
  const { counts } = preview
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap size={[8, 4]} data-testid="course-import-summary">
        <Typography.Text strong>{preview.fileName}</Typography.Text>
        <Tag>{t('import.rows', { rows: preview.rows })}</Tag>
        {errors.length > 0 && <Tag color="error">{t('import.errors', { count: errors.length })}</Tag>}
        {warnings.length > 0 && (
          <Tag color="warning">
            {t('import.warnings', { count: warnings.length + preview.problemsOmitted })}
          </Tag>
        )}
      </Space>
      <div data-testid="course-import-counts">
        <Typography.Text style={{ display: 'block' }}>
          {t('import.counts.courses', counts.courses)}
        </Typography.Text>
        <Typography.Text style={{ display: 'block' }}>
          {t('import.counts.teachers', counts.teachers)}
        </Typography.Text>
        <Typography.Text style={{ display: 'block' }}>
          {t('import.counts.enrolments', counts.enrolments)}
        </Typography.Text>
      </div>
      {errors.length > 0 ? (
        <Alert type="error" showIcon title={t('import.fixFirst')} data-testid="course-import-errors" />
      ) : (
        preview.rows > 0 && (
          <Alert type="success" showIcon title={t('import.ready')} data-testid="course-import-ready" />
        )
      )}
      {preview.problems.length > 0 && <ProblemTable problems={preview.problems} />}
      {preview.problemsOmitted > 0 && (
        <Typography.Text type="secondary">
          {t('import.omitted', { count: preview.problemsOmitted })}
        </Typography.Text>
      )}
      {preview.courses.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'courses',
              label: t('import.showCourses', {
                count: counts.courses.create + counts.courses.update + counts.courses.unchanged,
              }),
              children: <CourseRows courses={preview.courses} />,
            },
          ]}
        />
      )}
    </Space>
  )
}

/** Every problem of an import by line, errors and warnings tagged. */
export const ProblemTable = ({
  problems,
  testId = 'course-import-problems',
}: {
  problems: readonly Problem[]
  testId?: string
}) => {
  const { t } = useTranslation('courseReserves')
  return (
    <Table<Problem>
      size="small"
      rowKey={(problem) => `${problem.line}-${problem.column}-${problem.code}-${problem.message}`}
      dataSource={[...problems]}
      pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      data-testid={testId}
      onRow={(problem) => ({ 'data-line': problem.line, 'data-severity': problem.severity }) as object}
      columns={[
        {
          title: t('import.lineColumn'),
          dataIndex: 'line',
          width: 90,
          render: (line: number, problem) => (
            <span className="sq-cr-problem-line">
              <Tag color={problem.severity === 'error' ? 'error' : 'warning'} style={{ marginInlineEnd: 4 }}>
                {line ? t('import.line', { line }) : t('import.fileLine')}
              </Tag>
            </span>
          ),
        },
        { title: t('import.problem'), dataIndex: 'message' },
      ]}
    />
  )
}

const CourseRows = ({ courses }: { courses: readonly PreviewCourse[] }) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  return (
    <Table<PreviewCourse>
      size="small"
      rowKey="code"
      dataSource={[...courses]}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      scroll={{ x: 640 }}
      columns={[
        { title: t('import.lineColumn'), dataIndex: 'line', width: 60 },
        {
          title: t('courses.column.code'),
          dataIndex: 'code',
          width: 110,
          render: (code: string) => <span className="sq-cr-code">{code}</span>,
        },
        { title: t('courses.column.name'), dataIndex: 'nameZh', ellipsis: true },
        {
          title: t('courses.column.teachers'),
          dataIndex: 'teachers',
          width: 160,
          ellipsis: true,
          render: (names: string[]) => names.join(t('common:listSeparator')),
        },
        { title: t('courses.column.classes'), dataIndex: 'classCount', width: 60, align: 'right' },
        { title: t('courses.column.enrolled'), dataIndex: 'enrolments', width: 80, align: 'right' },
        {
          title: '',
          dataIndex: 'action',
          width: 70,
          render: (action: PreviewCourse['action']) => (
            <Tag color={ACTION_COLORS[action]}>{t(`import.action.${action}`)}</Tag>
          ),
        },
      ]}
    />
  )
}
