import { Alert, App as AntApp, Modal, Spin, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ApiProblem } from '../../api/client.ts'
import { useBilingual } from '../../app/hooks.ts'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useEffectText } from './phase-parts.tsx'
import { type Phase, usePreviewSwitch, useSwitchPhase } from './queries.ts'

/** 切换阶段: everything the switch will do, counted now; confirming applies it all at once. */
export const SwitchModal = ({
  libraryId,
  fromPhaseId,
  to,
  onClose,
}: {
  libraryId: string | undefined
  fromPhaseId: string | null
  to: Phase | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['operations', 'common'])
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const effectText = useEffectText()
  const body = to ? { toPhaseId: to.id, fromPhaseId } : undefined
  const preview = usePreviewSwitch(libraryId, body)
  const switching = useSwitchPhase(libraryId)

  const confirm = () =>
    body &&
    switching.mutate(body, {
      onSuccess: () => {
        void message.success(t('switch.done', { name: name(to) }))
        onClose()
      },
      onError: (error) => {
        const stale = error instanceof ApiProblem && error.code === 'phase_changed'
        void message.error(stale ? t('switch.stale') : errorText(error))
        if (stale) onClose()
      },
    })

  const effects = preview.data?.effects ?? []
  return (
    <Modal
      open={!!to}
      title={t('switch.title', { name: name(to) })}
      onCancel={onClose}
      onOk={confirm}
      okText={t('switch.confirm')}
      okButtonProps={{
        disabled: !preview.data,
        loading: switching.isPending,
        danger: true,
        ...({ 'data-testid': 'phase-switch-confirm' } as Record<string, string>),
      }}
      data-testid="phase-switch-modal"
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('switch.intro')}</Typography.Paragraph>
      {preview.isPending ? (
        <Spin />
      ) : preview.isError ? (
        <PageError error={preview.error} onRetry={() => void preview.refetch()} backTo="/staff/operations" />
      ) : effects.length === 0 ? (
        <Alert type="info" showIcon title={t('switch.nothing')} />
      ) : (
        <ul className="sq-phase-effects" data-testid="phase-switch-effects">
          {effects.map((effect) => (
            <li key={`${effect.kind}-${effect.service ?? ''}`} data-effect={effect.kind}>
              {effectText(effect)}
            </li>
          ))}
        </ul>
      )}
      {to && (to.noticeZh || to.noticeEn) && (
        <Alert type="warning" title={name({ nameZh: to.noticeZh, nameEn: to.noticeEn || to.noticeZh })} />
      )}
    </Modal>
  )
}
