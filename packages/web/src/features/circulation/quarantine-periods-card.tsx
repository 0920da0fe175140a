import { catalogue, quarantine } from '@shuqiao/contracts'
import { App as AntApp, Button, Card, InputNumber, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { mayCall } from '../../app/access.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useQuarantinePeriods, useSaveQuarantinePeriods } from './queries.ts'

type Hours = Record<string, number | null>
const GENERAL = '*' as const
const KEYS = [GENERAL, ...catalogue.MATERIAL_TYPES] as const

/** 隔离期: hours a returned item rests per material type; empty everywhere turns quarantine off. */
export const QuarantinePeriodsCard = ({
  libraryId,
  enabled,
}: {
  libraryId: string | undefined
  enabled: boolean
}) => {
  const { t } = useTranslation(['circulation', 'catalogue'])
  const me = useSignedIn()
  const canEdit = mayCall(me, quarantine.saveQuarantinePeriods)
  const periods = useQuarantinePeriods(libraryId, enabled)
  const save = useSaveQuarantinePeriods(libraryId)
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [draft, setDraft] = useState<Hours>()
  const saved: Hours = Object.fromEntries(
    (periods.data?.periods ?? []).map((period) => [period.materialType ?? GENERAL, period.hours]),
  )
  const shown = draft ?? saved

  const submit = () =>
    save.mutate(
      KEYS.flatMap((key) =>
        shown[key]
          ? [
              {
                materialType: key === GENERAL ? null : (key as quarantine.QuarantinePeriod['materialType']),
                hours: shown[key]!,
              },
            ]
          : [],
      ),
      {
        onSuccess: () => {
          setDraft(undefined)
          void message.success(t('quarantine.periodsSaved'))
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )

  return (
    <Card
      size="small"
      title={t('quarantine.periods')}
      style={{ marginTop: 12 }}
      data-testid="quarantine-periods"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('quarantine.periodsIntro')}
      </Typography.Paragraph>
      <Space wrap size={12}>
        {KEYS.map((key) => (
          <Space key={key} size={4}>
            <span>{key === GENERAL ? t('rules.general') : t(`catalogue:materialType.${key}`)}</span>
            <InputNumber
              min={1}
              max={720}
              precision={0}
              value={shown[key] ?? null}
              disabled={!canEdit}
              onChange={(value) => setDraft({ ...shown, [key]: value })}
              placeholder="—"
              style={{ width: 90 }}
              aria-label={key}
              data-testid={`quarantine-hours-${key}`}
            />
          </Space>
        ))}
        {canEdit && (
          <Button
            type="primary"
            disabled={draft === undefined}
            loading={save.isPending}
            onClick={submit}
            data-testid="quarantine-periods-save"
          >
            {t('rules.save')}
          </Button>
        )}
      </Space>
    </Card>
  )
}
