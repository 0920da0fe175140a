import { Alert, App as AntApp, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { noteRule } from '../../app/validation.ts'
import { FileUpload } from '../files/index.ts'
import { RequestProblem } from '../requests/api.ts'
import { useText } from '../requests/request-types.ts'
import {
  formatPercent,
  passes,
  percentInput,
  statusColour,
  THESIS_STATUS_LABELS,
  transitionOf,
} from './logic.ts'
import { type Thesis, useBulkStep, useThesisStep } from './queries.ts'

interface Values {
  similarityPercent?: number | null
  note?: string
  report?: { id: string }[]
}

export type StepTarget =
  | { kind: 'one'; thesis: Thesis; action: string }
  | { kind: 'many'; batchId: string; thesisIds: string[] | 'all'; count: number; action: string }

/**
 * Confirms one step for one thesis or many: a result with its report for `record` and `correct`
 * (showing at once whether it passes the batch's line), a reason for return and withdraw.
 */
export const StepModal = ({
  target,
  thresholdPercent,
  onClose,
}: {
  target: StepTarget | undefined
  thresholdPercent: number
  onClose: () => void
}) => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  const text = useText()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<Values>()
  const one = useThesisStep()
  const many = useBulkStep(target?.kind === 'many' ? target.batchId : '')
  const move = target ? transitionOf(target.action) : undefined
  const label = move ? text(move.label) : ''
  const typed = percentInput(Form.useWatch('similarityPercent', form))
  const needsPercent = move?.needsPercent ?? false
  const needsReason = move?.needsReason ?? false
  const pending = one.isPending || many.isPending

  useEffect(() => {
    if (target) {
      form.resetFields()
      if (target.kind === 'one' && target.action === 'correct')
        form.setFieldValue('similarityPercent', target.thesis.similarityPercent)
    }
  }, [target, form])

  const submit = (values: Values) => {
    if (!target || !move) return
    const note = values.note?.trim() || undefined
    if (target.kind === 'many') {
      many.mutate(
        { action: target.action, thesisIds: target.thesisIds, note },
        {
          onSuccess: (result) => {
            void message.success(t('batch.bulkDone', result))
            onClose()
          },
          onError: (error) => {
            if (!applyFieldErrors(form, error)) void message.error(errorText(error))
          },
        },
      )
      return
    }
    one.mutate(
      {
        thesisId: target.thesis.id,
        body: {
          action: target.action as Thesis['allowedActions'][number]['action'],
          note,
          ...(needsPercent
            ? {
                similarityPercent: percentInput(values.similarityPercent),
                reportFileId: values.report?.[0]?.id,
              }
            : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('step.done', { action: label, name: target.thesis.authorName }))
          onClose()
        },
        onError: (error) => {
          if (error instanceof RequestProblem && error.code === 'illegal_transition') {
            const now = error.allowed
              .map((allowed) => text(transitionOf(allowed.action)?.label))
              .join(t('common:listSeparator'))
            void message.warning(
              now ? `${error.detail} ${t('step.allowedNow', { actions: now })}` : error.detail,
            )
            onClose()
            return
          }
          if (!applyFieldErrors(form, error, { reportFileId: 'report' })) void message.error(errorText(error))
        },
      },
    )
  }

  const title =
    target?.kind === 'many'
      ? t('step.bulkTitle', { action: label, count: target.count })
      : target
        ? `${label} · ${target.thesis.authorName}`
        : ''

  return (
    <Modal
      open={!!target}
      title={title}
      okText={label}
      okButtonProps={{ danger: target?.action === 'withdraw', 'data-testid': 'step-submit' }}
      cancelText={t('common:action.cancel')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="step-modal">
        {target?.kind === 'one' && (
          <Typography.Text type="secondary" className="sq-sc-title">
            {target.thesis.readerNumber} · {t('thesis.quoted', { title: target.thesis.title })}
          </Typography.Text>
        )}
        {move && !needsPercent && (
          <Typography.Text>
            {t('step.willBecome')}{' '}
            <Tag color={statusColour(move.to)}>{text(THESIS_STATUS_LABELS[move.to])}</Tag>
          </Typography.Text>
        )}
        <Form<Values> form={form} layout="vertical" name="similarity-step" onFinish={submit}>
          {needsPercent && (
            <>
              <Form.Item
                name="similarityPercent"
                label={t('step.percent')}
                rules={[
                  {
                    validator: (_, value) =>
                      percentInput(value) === undefined
                        ? Promise.reject(new Error(t('step.percentRequired')))
                        : Promise.resolve(),
                  },
                ]}
              >
                <InputNumber
                  min={0}
                  max={100}
                  step={0.1}
                  precision={2}
                  suffix="%"
                  autoFocus
                  style={{ width: 180 }}
                  data-testid="step-percent"
                />
              </Form.Item>
              {typed !== undefined && (
                <Alert
                  showIcon
                  type={passes(typed, thresholdPercent) ? 'success' : 'error'}
                  title={
                    passes(typed, thresholdPercent)
                      ? t('step.willPass', { threshold: thresholdPercent })
                      : t('step.willFail', { threshold: thresholdPercent })
                  }
                  description={formatPercent(typed)}
                  style={{ marginBottom: 16 }}
                  data-testid="step-verdict"
                />
              )}
              <Form.Item name="report" label={t('step.report')}>
                <FileUpload kinds={['pdf']} maxCount={1} data-testid="step-report" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="note"
            label={needsReason ? t('step.reason') : t('step.note')}
            extra={t('step.noteHint')}
            rules={[
              { required: needsReason, whitespace: true, message: t('step.reasonRequired') },
              noteRule(),
            ]}
          >
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid="step-note" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  )
}
