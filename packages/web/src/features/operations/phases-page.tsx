import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  DeleteOutlined,
  EditOutlined,
  GlobalOutlined,
  PlusOutlined,
  SwapOutlined,
} from '@ant-design/icons'
import { phases } from '@shuqiao/contracts'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { PhaseDrawer } from './phase-drawer.tsx'
import { MeasureTags, ServiceStatusCell } from './phase-parts.tsx'
import { type Phase, type PhaseDraft, usePhaseBook, useSavePhases } from './queries.ts'
import { SwitchHistory } from './switch-history.tsx'
import { SwitchModal } from './switch-modal.tsx'
import './operations.css'

type Row = { key: phases.Service | 'measures' | 'notice' }

const draftOf = ({ updatedAt: _, ...phase }: Phase): PhaseDraft => phase

/**
 * 服务阶段: the library's phases side by side, each service's status in each; admins edit a
 * phase, add, remove or reorder them, and switch the library to one after a preview.
 */
export const PhasesPage = () => {
  const { t } = useTranslation(['operations', 'common'])
  usePageTitle(t('title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const canEdit = mayCall(me, phases.savePhases)
  const libraries = useLibraries()
  const name = useBilingual()
  const [search, setSearch] = useSearchParams()
  const libraryId = consortium ? (search.get('library') ?? libraries.data?.items[0]?.id) : undefined
  const book = usePhaseBook(libraryId, !consortium || !!libraryId)
  const save = useSavePhases(libraryId)
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [editing, setEditing] = useState<{ phase?: Phase } | undefined>()
  const [switching, setSwitching] = useState<Phase | undefined>()
  const library = consortium ? libraries.data?.items.find((each) => each.id === libraryId) : me?.library

  if (book.isPending) return <PageLoading />
  if (book.isError)
    return <PageError error={book.error} onRetry={() => void book.refetch()} backTo="/staff" />
  const data = book.data
  const current = data.phases.find((phase) => phase.id === data.currentPhaseId)

  const saveAll = (list: PhaseDraft[], done?: () => void) =>
    save.mutate(
      { phases: list, seen: data.updatedAt },
      {
        onSuccess: () => {
          void message.success(t('saved'))
          done?.()
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )

  const drafts = data.phases.map(draftOf)
  const saveOne = (draft: PhaseDraft) =>
    saveAll(draft.id ? drafts.map((each) => (each.id === draft.id ? draft : each)) : [...drafts, draft], () =>
      setEditing(undefined),
    )
  const move = (index: number, by: -1 | 1) => {
    const list = [...drafts]
    const [moved] = list.splice(index, 1)
    list.splice(index + by, 0, moved!)
    saveAll(list)
  }

  const rows: Row[] = [...phases.SERVICES.map((key) => ({ key })), { key: 'measures' }, { key: 'notice' }]
  const columns = [
    {
      title: t('service'),
      key: 'service',
      fixed: 'left' as const,
      width: 150,
      render: (_: unknown, row: Row) => (
        <Typography.Text strong>
          {row.key === 'measures'
            ? t('measuresRow')
            : row.key === 'notice'
              ? t('noticeRow')
              : t(`services.${row.key}`)}
        </Typography.Text>
      ),
    },
    ...data.phases.map((phase, index) => ({
      key: phase.id,
      width: 200,
      title: (
        <Space orientation="vertical" size={4} data-testid="phase-column" data-phase={phase.nameZh}>
          <Space size={4} wrap>
            <Typography.Text strong>{name(phase)}</Typography.Text>
            {phase.id === data.currentPhaseId && <Tag color="blue">{t('currentTag')}</Tag>}
          </Space>
          {canEdit && (
            <Space size={2} wrap>
              {phase.id !== data.currentPhaseId && (
                <Button
                  size="small"
                  type="primary"
                  icon={<SwapOutlined />}
                  onClick={() => setSwitching(phase)}
                  data-testid="phase-switch"
                >
                  {t('action.switchTo')}
                </Button>
              )}
              <Tooltip title={t('action.edit')}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('action.edit')}
                  onClick={() => setEditing({ phase })}
                  data-testid="phase-edit"
                />
              </Tooltip>
              <Tooltip title={t('action.moveLeft')}>
                <Button
                  size="small"
                  icon={<ArrowLeftOutlined />}
                  aria-label={t('action.moveLeft')}
                  disabled={index === 0 || save.isPending}
                  onClick={() => move(index, -1)}
                />
              </Tooltip>
              <Tooltip title={t('action.moveRight')}>
                <Button
                  size="small"
                  icon={<ArrowRightOutlined />}
                  aria-label={t('action.moveRight')}
                  disabled={index === data.phases.length - 1 || save.isPending}
                  onClick={() => move(index, 1)}
                />
              </Tooltip>
              <Popconfirm
                title={t('action.remove')}
                disabled={phase.id === data.currentPhaseId}
                onConfirm={() => saveAll(drafts.filter((each) => each.id !== phase.id))}
              >
                <Tooltip title={phase.id === data.currentPhaseId ? t('removeCurrent') : t('action.remove')}>
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('action.remove')}
                    disabled={phase.id === data.currentPhaseId}
                  />
                </Tooltip>
              </Popconfirm>
            </Space>
          )}
        </Space>
      ),
      onCell: () => ({ className: phase.id === data.currentPhaseId ? 'sq-phase-current' : '' }),
      render: (_: unknown, row: Row) =>
        row.key === 'measures' ? (
          <MeasureTags measures={phase.measures} />
        ) : row.key === 'notice' ? (
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 3, tooltip: true }}
            style={{ margin: 0, fontSize: 12 }}
          >
            {name({ nameZh: phase.noticeZh, nameEn: phase.noticeEn || phase.noticeZh })}
          </Typography.Paragraph>
        ) : (
          <ServiceStatusCell service={phase.services[row.key]!} />
        ),
    })),
  ]

  return (
    <div data-testid="phases-page">
      <PageHead
        title={t('title')}
        intro={t('intro')}
        extra={
          <Space wrap>
            {consortium && (
              <Select
                value={libraryId}
                onChange={(id: string) => setSearch({ library: id }, { replace: true })}
                options={(libraries.data?.items ?? []).map((each) => ({ value: each.id, label: name(each) }))}
                style={{ minWidth: 240 }}
                aria-label={t('pickLibrary')}
                data-testid="phases-library-picker"
              />
            )}
            {library && (
              <Button
                icon={<GlobalOutlined />}
                href={`/status/${library.code}`}
                target="_blank"
                data-testid="phases-board-link"
              >
                {t('boardLink')}
              </Button>
            )}
            {canEdit && data.phases.length < phases.MAX_PHASES && (
              <Button icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="phase-add">
                {t('action.add')}
              </Button>
            )}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {current ? (
          <Alert
            type="info"
            showIcon
            data-testid="phase-current"
            title={
              <Space wrap>
                <span>{t('current')}</span>
                <Typography.Text strong>{name(current)}</Typography.Text>
                {data.since && (
                  <Typography.Text type="secondary">
                    {t('since', { at: formatDateTime(data.since) })}
                  </Typography.Text>
                )}
              </Space>
            }
          />
        ) : (
          <Alert type="warning" showIcon title={t('none')} data-testid="phase-current" />
        )}
        <Card size="small">
          <Table<Row>
            size="small"
            rowKey="key"
            dataSource={rows}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="phases-table"
            onRow={(row) => ({ 'data-row': row.key }) as object}
          />
        </Card>
        <SwitchHistory libraryId={libraryId} canUndo={canEdit} />
      </Space>
      <PhaseDrawer
        open={!!editing}
        phase={editing?.phase}
        saving={save.isPending}
        onClose={() => setEditing(undefined)}
        onSave={saveOne}
      />
      <SwitchModal
        libraryId={libraryId}
        fromPhaseId={data.currentPhaseId}
        to={switching}
        onClose={() => setSwitching(undefined)}
      />
    </div>
  )
}
