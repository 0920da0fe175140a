import { PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons'
import { catalogue, loanRules, READER_TYPES, SUGGESTED_LOAN_RULES, sortLoanRules } from '@shuqiao/contracts'
import { Alert, App as AntApp, Button, Card, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { isProblem } from '../../api/client.ts'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { freeMaterialTypes, newMaterialRule } from './circulation-logic.ts'
import { CirculationTabs } from './circulation-tabs.tsx'
import { QuarantinePeriodsCard } from './quarantine-periods-card.tsx'
import { type LoanRule, useLoanRules, useSaveLoanRules } from './queries.ts'
import { RulesTable } from './rules-table.tsx'
import './circulation.css'

type ReaderType = LoanRule['readerType']
type MaterialType = NonNullable<LoanRule['materialType']>

/** 借阅规则: staff read the library's rules; its admins edit and save them as a whole (audited). */
export const LoanRulesPage = () => {
  const { t } = useTranslation(['circulation', 'catalogue', 'common'])
  usePageTitle(t('rules.title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const canEdit = mayCall(me, loanRules.saveLoanRules)
  const libraries = useLibraries()
  const name = useBilingual()
  const [search, setSearch] = useSearchParams()
  const libraryId = consortium ? (search.get('library') ?? libraries.data?.items[0]?.id) : undefined
  const rules = useLoanRules(libraryId, !consortium || !!libraryId)
  const save = useSaveLoanRules(libraryId)
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [draft, setDraft] = useState<LoanRule[]>()
  const [adding, setAdding] = useState<{ readerType: ReaderType; materialType?: MaterialType }>({
    readerType: 'student',
  })
  const shown = draft ?? rules.data?.rules ?? []
  const changed = draft !== undefined

  const submit = () =>
    save.mutate(shown, {
      onSuccess: () => {
        setDraft(undefined)
        void message.success(t('rules.saved'))
      },
      onError: (error) =>
        void message.error(
          isProblem(error) && error.errors.length > 0
            ? [...new Set(error.errors.map((problem) => problem.message))].join('；')
            : errorText(error),
        ),
    })

  const addRule = () => {
    if (!adding.materialType) return
    setDraft(sortLoanRules([...shown, newMaterialRule(shown, adding.readerType, adding.materialType)]))
    setAdding({ readerType: adding.readerType })
  }

  return (
    <div data-testid="loan-rules-page">
      <PageHead
        title={t('rules.title')}
        intro={t('rules.intro')}
        extra={
          consortium && (
            <Select
              value={libraryId}
              onChange={(id: string) => {
                setDraft(undefined)
                setSearch({ library: id }, { replace: true })
              }}
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              style={{ minWidth: 240 }}
              aria-label={t('loans.pickLibrary')}
              data-testid="rules-library-picker"
            />
          )
        }
      />
      <CirculationTabs current="/staff/circulation/rules" />
      {rules.isPending ? (
        <PageLoading rows={6} />
      ) : rules.isError ? (
        <PageError error={rules.error} onRetry={() => void rules.refetch()} backTo="/staff" />
      ) : (
        <Card size="small">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {!canEdit && <Alert type="info" showIcon title={t('rules.readOnly')} />}
            {shown.length === 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('rules.none')}
                action={
                  canEdit && (
                    <Button onClick={() => setDraft(SUGGESTED_LOAN_RULES)} data-testid="rules-defaults">
                      {t('rules.defaults')}
                    </Button>
                  )
                }
              />
            )}
            <RulesTable rules={shown} onChange={canEdit ? setDraft : undefined} />
            {canEdit && (
              <Space wrap size={8}>
                <Select<ReaderType>
                  value={adding.readerType}
                  onChange={(readerType) => setAdding({ readerType })}
                  options={READER_TYPES.map((type) => ({ value: type, label: t(`readerType.${type}`) }))}
                  style={{ width: 100 }}
                  aria-label={t('rules.readerType')}
                />
                <Select<MaterialType>
                  value={adding.materialType}
                  onChange={(materialType) => setAdding({ ...adding, materialType })}
                  options={freeMaterialTypes(shown, adding.readerType, catalogue.MATERIAL_TYPES).map(
                    (type) => ({
                      value: type,
                      label: t(`catalogue:materialType.${type}`),
                    }),
                  )}
                  placeholder={t('rules.materialType')}
                  style={{ width: 140 }}
                  aria-label={t('rules.materialType')}
                  data-testid="rules-add-type"
                />
                <Button
                  icon={<PlusOutlined />}
                  disabled={!adding.materialType}
                  onClick={addRule}
                  data-testid="rules-add"
                >
                  {t('rules.addMaterial', { type: t(`readerType.${adding.readerType}`) })}
                </Button>
              </Space>
            )}
            <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {rules.data.updatedBy && rules.data.updatedAt
                  ? t('rules.lastChange', {
                      name: rules.data.updatedBy.name,
                      at: formatDateTime(rules.data.updatedAt),
                    })
                  : null}
              </Typography.Text>
              {canEdit && (
                <Space>
                  <Button icon={<UndoOutlined />} disabled={!changed} onClick={() => setDraft(undefined)}>
                    {t('rules.reset')}
                  </Button>
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    disabled={!changed}
                    loading={save.isPending}
                    onClick={submit}
                    data-testid="rules-save"
                  >
                    {t('rules.save')}
                  </Button>
                </Space>
              )}
            </div>
          </Space>
        </Card>
      )}
      <QuarantinePeriodsCard libraryId={libraryId} enabled={!consortium || !!libraryId} />
    </div>
  )
}
