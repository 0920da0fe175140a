import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  Space,
  Typography,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { formatDateTime } from '../../app/dates.ts'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { nameRules, readerNumberRules } from '../../app/validation.ts'
import { FileLink, FileUpload } from '../files/index.ts'
import { useText } from '../requests/request-types.ts'
import { DEGREE_LABELS, stepsFor, transitionOf } from './logic.ts'
import { type Thesis, useAttachReport, useThesis, useUpdateThesis } from './queries.ts'
import { ThesisHistory, ThesisStatusTag, Verdict } from './thesis-parts.tsx'

interface DetailsValues {
  readerNumber: string
  authorName: string
  title: string
  supervisor?: string
  department?: string
  major?: string
}

const optionalName = (max: number) => nameRules(max).filter((rule) => !('required' in rule && rule.required))

/** One thesis for staff: its details, files and history; its next steps; corrections. */
export const ThesisDrawer = ({
  thesisId,
  canManage,
  onClose,
  onStep,
}: {
  thesisId: string | undefined
  canManage: boolean
  onClose: () => void
  onStep: (thesis: Thesis, action: string) => void
}) => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  const text = useText()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const phone = Grid.useBreakpoint().sm === false
  const thesis = useThesis(thesisId)
  const update = useUpdateThesis(thesisId ?? '')
  const attach = useAttachReport(thesisId ?? '')
  const [editing, setEditing] = useState(false)
  const [uploadKey, setUploadKey] = useState(0)
  const [form] = Form.useForm<DetailsValues>()
  const data = thesis.data

  useEffect(() => {
    if (thesisId) setEditing(false)
  }, [thesisId])

  const startEditing = () => {
    if (!data) return
    form.setFieldsValue({
      readerNumber: data.readerNumber,
      authorName: data.authorName,
      title: data.title,
      supervisor: data.supervisor ?? undefined,
      department: data.department ?? undefined,
      major: data.major ?? undefined,
    })
    setEditing(true)
  }

  const save = (values: DetailsValues) =>
    update.mutate(
      {
        readerNumber: values.readerNumber.trim(),
        authorName: values.authorName.trim(),
        title: values.title.trim(),
        supervisor: values.supervisor?.trim() || null,
        department: values.department?.trim() || null,
        major: values.major?.trim() || null,
      },
      {
        onSuccess: () => {
          void message.success(t('thesis.saved'))
          setEditing(false)
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) void message.error(errorText(error))
        },
      },
    )

  const saveFile = (kind: 'thesis' | 'report', fileId: string | undefined) => {
    if (!fileId) return
    const done = {
      onSuccess: () => {
        void message.success(kind === 'report' ? t('thesis.reportSaved') : t('thesis.thesisSaved'))
        setUploadKey((key) => key + 1)
      },
      onError: (error: unknown) => void message.error(errorText(error)),
    }
    if (kind === 'report') attach.mutate(fileId, done)
    else update.mutate({ thesisFileId: fileId }, done)
  }

  const steps = data ? stepsFor(data.allowedActions) : undefined

  return (
    <Drawer
      open={!!thesisId}
      onClose={onClose}
      size={phone ? '100%' : 560}
      title={data ? `${data.authorName} · ${data.readerNumber}` : ''}
      destroyOnHidden
      data-testid="thesis-drawer"
    >
      {thesis.isPending ? (
        <PageLoading rows={8} />
      ) : thesis.isError ? (
        <PageError error={thesis.error} onRetry={() => void thesis.refetch()} />
      ) : data ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <ThesisStatusTag thesis={data} />
            <Verdict thesis={data} />
          </Space>
          {data.reason && (
            <Alert type="warning" showIcon title={t('field.reason')} description={data.reason} />
          )}
          {!data.account && <Alert type="info" showIcon title={t('thesis.noAccount')} />}
          {canManage && steps && (steps.main || steps.rest.length > 0) && (
            <Space wrap data-testid="thesis-steps">
              {[...(steps.main ? [steps.main] : []), ...steps.rest].map((step) => (
                <Button
                  key={step.action}
                  type={step === steps.main ? 'primary' : 'default'}
                  danger={step.action === 'withdraw'}
                  onClick={() => onStep(data, step.action)}
                  data-testid={`thesis-step-${step.action}`}
                >
                  {text(transitionOf(step.action)?.label)}
                </Button>
              ))}
            </Space>
          )}
          <Card
            size="small"
            title={t('thesis.details')}
            extra={
              canManage &&
              !editing && (
                <Button size="small" onClick={startEditing} data-testid="thesis-edit">
                  {t('thesis.editDetails')}
                </Button>
              )
            }
          >
            {editing ? (
              <Form<DetailsValues> form={form} layout="vertical" onFinish={save} name="similarity-thesis">
                <Form.Item name="readerNumber" label={t('field.readerNumber')} rules={readerNumberRules()}>
                  <Input maxLength={40} />
                </Form.Item>
                <Form.Item name="authorName" label={t('field.author')} rules={nameRules(60)}>
                  <Input maxLength={60} />
                </Form.Item>
                <Form.Item name="title" label={t('field.title')} rules={nameRules(300)}>
                  <Input.TextArea maxLength={300} autoSize={{ minRows: 1, maxRows: 4 }} />
                </Form.Item>
                <Form.Item name="supervisor" label={t('field.supervisor')} rules={optionalName(100)}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="department" label={t('field.department')} rules={optionalName(100)}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="major" label={t('field.major')} rules={optionalName(100)}>
                  <Input maxLength={100} />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" loading={update.isPending}>
                    {t('common:action.save')}
                  </Button>
                  <Button onClick={() => setEditing(false)}>{t('common:action.cancel')}</Button>
                </Space>
              </Form>
            ) : (
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'title',
                    label: t('field.title'),
                    children: <span className="sq-sc-title">{data.title}</span>,
                  },
                  {
                    key: 'supervisor',
                    label: t('field.supervisor'),
                    children: data.supervisor ?? t('common:state.none'),
                  },
                  {
                    key: 'department',
                    label: t('field.department'),
                    children: data.department ?? t('common:state.none'),
                  },
                  { key: 'major', label: t('field.major'), children: data.major ?? t('common:state.none') },
                  { key: 'degree', label: t('field.degree'), children: text(DEGREE_LABELS[data.degree]) },
                  {
                    key: 'account',
                    label: t('field.account'),
                    children: data.account ? data.account.name : t('common:state.none'),
                  },
                  ...(data.submittedAt
                    ? [
                        {
                          key: 'submitted',
                          label: t('field.submittedAt'),
                          children: formatDateTime(data.submittedAt),
                        },
                      ]
                    : []),
                  ...(data.checkedAt
                    ? [
                        {
                          key: 'checked',
                          label: t('field.checkedAt'),
                          children: formatDateTime(data.checkedAt),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </Card>
          <Card size="small" title={t('field.report')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {data.reportFile ? (
                <FileLink file={data.reportFile} />
              ) : (
                <Typography.Text type="secondary">{t('thesis.reportMissing')}</Typography.Text>
              )}
              {canManage && data.status === 'checked' && (
                <FileUpload
                  key={`report-${uploadKey}`}
                  kinds={['pdf']}
                  maxCount={1}
                  onChange={(uploaded) => saveFile('report', uploaded[0]?.id)}
                  data-testid="thesis-report-upload"
                />
              )}
            </Space>
          </Card>
          <Card size="small" title={t('field.thesisFile')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {data.thesisFile ? (
                <FileLink file={data.thesisFile} />
              ) : (
                <Typography.Text type="secondary">{t('common:state.none')}</Typography.Text>
              )}
              {canManage && (
                <FileUpload
                  key={`thesis-${uploadKey}`}
                  kinds={['pdf']}
                  maxCount={1}
                  onChange={(uploaded) => saveFile('thesis', uploaded[0]?.id)}
                  data-testid="thesis-file-upload"
                />
              )}
            </Space>
          </Card>
          <Card size="small" title={t('thesis.history')}>
            <ThesisHistory thesis={data} />
          </Card>
        </Space>
      ) : null}
    </Drawer>
  )
}
