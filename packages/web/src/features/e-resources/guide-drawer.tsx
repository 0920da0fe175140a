import { ExportOutlined, SearchOutlined } from '@ant-design/icons'
import {
  App as AntApp,
  Divider,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DrawerFooter } from '../../app/drawer-footer.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { nameRules, noteRule } from '../../app/validation.ts'
import { useDebounced } from '../catalogue/use-debounced.ts'
import { showFieldProblems } from './field-problems.ts'
import { GuideStatusTag, useShortAddress } from './guide-parts.tsx'
import {
  type GuideFormValues,
  type GuideItemFormValue,
  guideFieldOf,
  guideFormValuesOf,
  guideInputOf,
} from './guides-logic.ts'
import { useGuide, useSaveGuide } from './guides-queries.ts'
import { ListItemButtons } from './list-item-buttons.tsx'
import { type ResourceSummary, useDirectory } from './queries.ts'
import { RouteBadges, StatusTag, useResourceName, useSubjectOptions } from './resource-parts.tsx'

/** The resource an item stands for, by name; the form keeps only its id. */
const ResourceLine = ({ value, known }: { value?: string; known: ReadonlyMap<string, ResourceSummary> }) => {
  const { t } = useTranslation('eResources')
  const nameOf = useResourceName()
  const resource = value ? known.get(value) : undefined
  if (!resource) return <Typography.Text type="secondary">{value}</Typography.Text>
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text strong style={{ overflowWrap: 'anywhere' }} data-testid="guide-form-item-name">
        {nameOf(resource)}
      </Typography.Text>
      <div className="sq-res-card-foot" style={{ marginTop: 4 }}>
        <RouteBadges routes={resource.routes} />
        {resource.status !== 'published' && (
          <>
            <StatusTag status={resource.status} />
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('guideForm.notForReaders')}
            </Typography.Text>
          </>
        )}
      </div>
    </div>
  )
}

/** Search the library's directory (every status) and hand over the resource picked. */
const ResourcePicker = ({
  open,
  chosen,
  onPick,
}: {
  open: boolean
  chosen: ReadonlySet<string>
  onPick: (resource: ResourceSummary) => void
}) => {
  const { t } = useTranslation('eResources')
  const nameOf = useResourceName()
  const [typed, setTyped] = useState('')
  const q = useDebounced(typed.trim(), typed.trim() ? 300 : 0)
  const list = useDirectory({ q: q || undefined }, { pageSize: 20, enabled: open })
  const found = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  return (
    <Select<string>
      showSearch={{ filterOption: false, searchValue: typed, onSearch: setTyped }}
      value={null}
      onSelect={(id) => {
        const resource = found.find((each) => each.id === id)
        if (resource) onPick(resource)
        setTyped('')
      }}
      loading={list.isFetching}
      placeholder={t('guideForm.pick')}
      aria-label={t('guideForm.pick')}
      suffixIcon={<SearchOutlined />}
      notFoundContent={
        list.isFetching ? undefined : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('guideForm.pickEmpty')} />
        )
      }
      options={found.map((resource) => ({
        value: resource.id,
        disabled: chosen.has(resource.id),
        label: (
          <div
            style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}
            data-testid="guide-pick-option"
          >
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{nameOf(resource)}</span>
            <span style={{ flex: 'none', fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
              {chosen.has(resource.id) ? t('guideForm.already') : t(`status.${resource.status}`)}
            </span>
          </div>
        ),
      }))}
      style={{ width: '100%' }}
      data-testid="guide-pick"
    />
  )
}

/** Starts a guide (as a draft) or edits one: titles, description, discipline and its resources in order. */
export const GuideDrawer = ({
  open,
  code,
  onClose,
}: {
  open: boolean
  /** The guide to edit, by its short code; none to start one. */
  code?: string | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['eResources', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const screens = Grid.useBreakpoint()
  const [form] = Form.useForm<GuideFormValues>()
  const existing = useGuide(open ? code : undefined)
  const detail = code ? existing.data : undefined
  const loading = !!code && existing.isPending
  const save = useSaveGuide()
  const subjects = useSubjectOptions()
  const address = useShortAddress()
  const [known, setKnown] = useState<ReadonlyMap<string, ResourceSummary>>(new Map())
  const items = (Form.useWatch('items', form) as GuideItemFormValue[] | undefined) ?? []
  const chosen = useMemo(() => new Set(items.map((item) => item?.resourceId)), [items])
  // The form is filled once per opening, so a list refetched in the background does not undo typing.
  const filled = useRef<string | undefined>(undefined)

  useEffect(() => {
    if (!open) {
      filled.current = undefined
      return
    }
    const key = code ?? ''
    if (filled.current === key) return
    if (code && !detail) return
    filled.current = key
    form.resetFields()
    if (detail) {
      form.setFieldsValue(guideFormValuesOf(detail))
      setKnown(new Map(detail.items.map((item) => [item.resource.id, item.resource])))
    } else {
      form.setFieldsValue({ items: [] })
      setKnown(new Map())
    }
  }, [open, code, detail, form])

  const itemCount = () => ((form.getFieldValue('items') as GuideItemFormValue[] | undefined) ?? []).length

  const submit = (values: GuideFormValues) =>
    save.mutate(
      { guideId: detail?.id, body: guideInputOf(values) },
      {
        onSuccess: (saved) => {
          void message.success(
            detail
              ? t('guideForm.saved', { name: saved.titleZh })
              : t('guideForm.created', { name: saved.titleZh }),
          )
          onClose()
        },
        onError: (error) => {
          if (!showFieldProblems(form, error, (path) => guideFieldOf(path, itemCount())))
            void message.error(errorText(error))
        },
      },
    )

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md === false ? '100%' : 720}
      destroyOnHidden
      title={
        detail ? (
          <Space size={8} wrap>
            {t('guideForm.editTitle', { name: detail.titleZh })}
            <GuideStatusTag status={detail.status} />
          </Space>
        ) : (
          t('guideForm.createTitle')
        )
      }
      data-testid="guide-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          saving={save.isPending}
          disabled={loading}
          testId="guide-form-submit"
        />
      }
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : existing.isError && code ? (
        <Typography.Text type="danger">{errorText(existing.error)}</Typography.Text>
      ) : (
        <Form<GuideFormValues>
          form={form}
          name="resource-guide"
          layout="vertical"
          onFinish={submit}
          onFinishFailed={({ errorFields }) => {
            if (errorFields[0]) form.scrollToField(errorFields[0].name)
          }}
          disabled={save.isPending}
        >
          {detail && (
            <Form.Item label={t('guideForm.shortAddress')}>
              <Space size={8} wrap>
                <Typography.Text copyable className="sq-res-input" data-testid="guide-form-address">
                  {address(detail.code)}
                </Typography.Text>
                <Typography.Link href={`/guides/${detail.code}`} target="_blank" rel="noopener">
                  <ExportOutlined /> {t('guidesStaff.view')}
                </Typography.Link>
              </Space>
            </Form.Item>
          )}
          <div className="sq-res-filters">
            <Form.Item name="titleZh" label={t('guideForm.titleZh')} rules={nameRules(120)}>
              <Input data-testid="guide-form-title-zh" />
            </Form.Item>
            <Form.Item
              name="titleEn"
              label={t('guideForm.titleEn')}
              rules={[{ max: 200, message: t('common:validation.max', { max: 200 }) }]}
            >
              <Input data-testid="guide-form-title-en" />
            </Form.Item>
          </div>
          <Form.Item
            name="discipline"
            label={t('guideForm.discipline')}
            extra={t('guideForm.disciplineHint')}
          >
            <Select allowClear options={subjects} data-testid="guide-form-discipline" />
          </Form.Item>
          <div className="sq-res-filters">
            <Form.Item
              name="descriptionZh"
              label={t('guideForm.descriptionZh')}
              rules={[{ max: 2000, message: t('common:validation.max', { max: 2000 }) }, noteRule()]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="guide-form-description-zh" />
            </Form.Item>
            <Form.Item
              name="descriptionEn"
              label={t('guideForm.descriptionEn')}
              rules={[{ max: 2000, message: t('common:validation.max', { max: 2000 }) }, noteRule()]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="guide-form-description-en" />
            </Form.Item>
          </div>

          <Divider titlePlacement="start" plain>
            {t('guideForm.resources')}
          </Divider>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('guideForm.resourcesHint')}
          </Typography.Paragraph>
          <Form.List name="items">
            {(fields, { add, remove, move }, { errors }) => (
              <div data-testid="guide-items-editor">
                <div style={{ marginBottom: 12 }}>
                  <ResourcePicker
                    open={open}
                    chosen={chosen}
                    onPick={(resource) => {
                      if (chosen.has(resource.id)) return
                      setKnown((current) => new Map(current).set(resource.id, resource))
                      add({ resourceId: resource.id, noteZh: null, noteEn: null })
                    }}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('guideForm.pickHint')}
                  </Typography.Text>
                </div>
                {fields.length === 0 && (
                  <Typography.Paragraph type="secondary" data-testid="guide-items-empty">
                    {t('guideForm.itemsEmpty')}
                  </Typography.Paragraph>
                )}
                {fields.map((field, index) => (
                  <div key={field.key} className="sq-guide-editor-item" data-testid="guide-form-item">
                    <div className="sq-res-route-editor-head" style={{ alignItems: 'flex-start' }}>
                      <Space size={8} align="start" style={{ minWidth: 0 }}>
                        <span className="sq-guide-number">{index + 1}</span>
                        <Form.Item
                          name={[field.name, 'resourceId']}
                          style={{ marginBottom: 8, minWidth: 0 }}
                          rules={[{ required: true }]}
                        >
                          <ResourceLine known={known} />
                        </Form.Item>
                      </Space>
                      <ListItemButtons
                        index={index}
                        count={fields.length}
                        onMove={move}
                        onRemove={() => remove(field.name)}
                        testId="guide-item"
                      />
                    </div>
                    <div className="sq-res-filters">
                      <Form.Item
                        name={[field.name, 'noteZh']}
                        label={t('guideForm.noteZh')}
                        rules={[{ max: 500, message: t('common:validation.max', { max: 500 }) }, noteRule()]}
                      >
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          placeholder={t('guideForm.notePlaceholder')}
                          data-testid="guide-item-note-zh"
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'noteEn']}
                        label={t('guideForm.noteEn')}
                        rules={[{ max: 500, message: t('common:validation.max', { max: 500 }) }, noteRule()]}
                      >
                        <Input.TextArea
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          data-testid="guide-item-note-en"
                        />
                      </Form.Item>
                    </div>
                  </div>
                ))}
                <Form.ErrorList errors={errors} />
              </div>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  )
}
