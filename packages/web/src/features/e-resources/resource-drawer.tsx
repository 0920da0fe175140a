import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { eResources, type RouteKind } from '@shuqiao/contracts'
import {
  App as AntApp,
  Button,
  DatePicker,
  Divider,
  Drawer,
  Dropdown,
  Form,
  type FormInstance,
  Grid,
  Input,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { DrawerFooter } from '../../app/drawer-footer.tsx'
import { useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { nameRules, noteRule } from '../../app/validation.ts'
import { AccessTests, UntestedHint } from './access-tests.tsx'
import {
  type FieldName,
  formFieldOf,
  formValuesOf,
  isHttpUrl,
  type ResourceFormValues,
  type RouteFormValue,
  resourceInputOf,
  templateValueNames,
  unusedRouteKinds,
} from './e-resources-logic.ts'
import { showFieldProblems } from './field-problems.ts'
import { ListItemButtons } from './list-item-buttons.tsx'
import { useAccessPlatforms, useLibraryStaff, useResource, useSaveResource } from './queries.ts'
import { ROUTE_COLOURS, StatusTag, useRouteLabel, useSubjectOptions } from './resource-parts.tsx'

/** The form's own values: dates as date-picker values. */
type Values = Omit<ResourceFormValues, 'freeFrom' | 'freeUntil'> & {
  freeFrom?: Dayjs | null
  freeUntil?: Dayjs | null
}

const TOP_FIELDS = new Set([
  'nameZh',
  'nameEn',
  'aliases',
  'vendor',
  'platform',
  'kind',
  'subjects',
  'descriptionZh',
  'descriptionEn',
  'url',
  'ownerId',
  'freeFrom',
  'freeUntil',
  'routes',
])
const ROUTE_FIELDS = new Set(['kind', 'url', 'values', 'noteZh', 'noteEn'])

/**
 * The form field a problem path names, routes included (`body.routes.1.url`), while the form
 * has that route.
 */
const fieldOf = (form: FormInstance<Values>) => (path: string) => {
  const routes = (form.getFieldValue('routes') as RouteFormValue[] | undefined) ?? []
  return formFieldOf(path, (name: FieldName) =>
    name.length === 1
      ? TOP_FIELDS.has(String(name[0]))
      : name.length === 3 &&
        name[0] === 'routes' &&
        typeof name[1] === 'number' &&
        name[1] < routes.length &&
        ROUTE_FIELDS.has(String(name[2])),
  )
}

const urlRules = (t: (key: 'form.urlFormat' | 'common:validation.required') => string, required: boolean) => [
  ...(required ? [{ required: true, whitespace: true, message: t('common:validation.required') }] : []),
  {
    validator: (_: unknown, value?: string | null) =>
      !value?.trim() || isHttpUrl(value.trim())
        ? Promise.resolve()
        : Promise.reject(new Error(t('form.urlFormat'))),
  },
]

/** Per-library values a template needs, such as a customer id: name and value pairs. */
const ValuesEditor = ({
  value = [],
  onChange,
  suggested,
}: {
  value?: { key?: string; value?: string }[]
  onChange?: (value: { key?: string; value?: string }[]) => void
  suggested: string[]
}) => {
  const { t } = useTranslation('eResources')
  const update = (index: number, change: { key?: string; value?: string }) =>
    onChange?.(value.map((pair, at) => (at === index ? { ...pair, ...change } : pair)))
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      {value.map((pair, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: pairs have no identity of their own while being typed
        <Space.Compact key={index} style={{ width: '100%' }}>
          <Input
            value={pair.key}
            onChange={(event) => update(index, { key: event.target.value })}
            placeholder={t('form.valueKey')}
            aria-label={t('form.valueKey')}
            style={{ width: '40%' }}
            data-testid="route-value-key"
          />
          <Input
            value={pair.value}
            onChange={(event) => update(index, { value: event.target.value })}
            placeholder={t('form.valueValue')}
            aria-label={t('form.valueValue')}
            data-testid="route-value-value"
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('form.remove')}
            onClick={() => onChange?.(value.filter((_, at) => at !== index))}
          />
        </Space.Compact>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() =>
          onChange?.([
            ...value,
            { key: suggested.find((name) => !value.some((pair) => pair.key === name)) ?? '', value: '' },
          ])
        }
      >
        {t('form.addValue')}
      </Button>
    </Space>
  )
}

/** The resource's routes in the order readers see them, each with what it needs. */
const RoutesEditor = ({ template }: { template: string | undefined }) => {
  const { t } = useTranslation(['eResources', 'common'])
  const label = useRouteLabel()
  const needed = templateValueNames(template)
  return (
    <Form.List name="routes">
      {(fields, { add, remove, move }, { errors }) => {
        return (
          <div data-testid="route-editor">
            {fields.length === 0 && (
              <Typography.Paragraph type="warning" data-testid="route-editor-empty">
                {t('form.noRoutes')}
              </Typography.Paragraph>
            )}
            {fields.map((field, index) => (
              <Form.Item key={field.key} noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const kind = getFieldValue(['routes', field.name, 'kind']) as RouteKind
                  return (
                    <div className="sq-res-route-editor" data-testid="route-editor-item" data-route={kind}>
                      <div className="sq-res-route-editor-head">
                        <Space size={6}>
                          <Typography.Text type="secondary">{index + 1}.</Typography.Text>
                          <Tag color={ROUTE_COLOURS[kind]} style={{ margin: 0 }}>
                            {label(kind)}
                          </Tag>
                          {index === 0 && <Tag color="success">{t('resource.recommended')}</Tag>}
                        </Space>
                        <ListItemButtons
                          index={index}
                          count={fields.length}
                          onMove={move}
                          onRemove={() => remove(field.name)}
                          testId="route"
                        />
                      </div>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                        {t(`form.routeNeeds.${kind}`)}
                      </Typography.Paragraph>
                      <Form.Item name={[field.name, 'kind']} hidden>
                        <Input />
                      </Form.Item>
                      {kind !== 'open' && (
                        <Form.Item
                          name={[field.name, 'url']}
                          label={t('form.routeUrl')}
                          extra={kind === 'carsi' ? t('form.routeUrlCarsi') : t('form.routeUrlHint')}
                          rules={urlRules(t, false)}
                        >
                          <Input placeholder="https://" spellCheck={false} data-testid="route-url" />
                        </Form.Item>
                      )}
                      {kind === 'carsi' && (
                        <Form.Item
                          name={[field.name, 'values']}
                          label={t('form.values')}
                          extra={
                            needed.length > 0
                              ? t('form.templateNeeds', { names: needed.join(', ') })
                              : t('form.valuesHint')
                          }
                        >
                          <ValuesEditor suggested={needed} />
                        </Form.Item>
                      )}
                      <div className="sq-res-filters">
                        <Form.Item
                          name={[field.name, 'noteZh']}
                          label={t('form.noteZh')}
                          rules={[
                            { max: 1000, message: t('common:validation.max', { max: 1000 }) },
                            noteRule(),
                          ]}
                          extra={kind === 'roaming' ? t('form.noteHintRoaming') : undefined}
                        >
                          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="route-note-zh" />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'noteEn']}
                          label={t('form.noteEn')}
                          rules={[
                            { max: 1000, message: t('common:validation.max', { max: 1000 }) },
                            noteRule(),
                          ]}
                        >
                          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="route-note-en" />
                        </Form.Item>
                      </div>
                    </div>
                  )
                }}
              </Form.Item>
            ))}
            <Form.ErrorList errors={errors} />
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => {
                const unused = unusedRouteKinds(
                  (getFieldValue('routes') as RouteFormValue[] | undefined) ?? [],
                )
                return (
                  <Dropdown
                    trigger={['click']}
                    disabled={unused.length === 0}
                    menu={{
                      items: unused.map((kind) => ({
                        key: kind,
                        label: <span data-testid={`route-add-${kind}`}>{label(kind)}</span>,
                      })),
                      onClick: ({ key }) =>
                        add({
                          kind: key,
                          url: null,
                          values: key === 'carsi' ? needed.map((name) => ({ key: name, value: '' })) : [],
                          noteZh: null,
                          noteEn: null,
                        }),
                    }}
                  >
                    <Button type="dashed" icon={<PlusOutlined />} block data-testid="route-add">
                      {t('form.addRoute')}
                    </Button>
                  </Dropdown>
                )
              }}
            </Form.Item>
          </div>
        )
      }}
    </Form.List>
  )
}

const toFormValues = (values: ResourceFormValues): Values => ({
  ...values,
  freeFrom: values.freeFrom ? dayjs(values.freeFrom) : null,
  freeUntil: values.freeUntil ? dayjs(values.freeUntil) : null,
})

/** Adds a resource (as a draft) or edits one, with its routes; the server's field problems show in place. */
export const ResourceDrawer = ({
  open,
  resourceId,
  onClose,
}: {
  open: boolean
  resourceId?: string | undefined
  onClose: () => void
}) => {
  const { t, i18n } = useTranslation(['eResources', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const me = useSignedIn()
  const screens = Grid.useBreakpoint()
  const [form] = Form.useForm<Values>()
  const existing = useResource(open ? resourceId : undefined)
  const platforms = useAccessPlatforms(open)
  const staff = useLibraryStaff(open ? me.library?.id : undefined)
  const save = useSaveResource()
  const subjects = useSubjectOptions()
  const platform = Form.useWatch('platform', form)
  const template = platforms.data?.items.find((item) => item.code === platform)?.template
  const detail = resourceId ? existing.data : undefined
  const loading = !!resourceId && existing.isPending

  // Filled once per opening: a test recorded meanwhile brings a new detail, which must not undo typing.
  const filled = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (!open) {
      filled.current = undefined
      return
    }
    const key = resourceId ?? ''
    if (filled.current === key || (resourceId && !detail)) return
    filled.current = key
    form.resetFields()
    if (!resourceId) form.setFieldsValue({ kind: 'database', routes: [], subjects: [], aliases: [] })
    else if (detail) form.setFieldsValue(toFormValues(formValuesOf(detail)))
  }, [open, resourceId, detail, form])

  const submit = (values: Values) => {
    const body = resourceInputOf({
      ...values,
      freeFrom: values.freeFrom ? values.freeFrom.format('YYYY-MM-DD') : null,
      freeUntil: values.freeUntil ? values.freeUntil.format('YYYY-MM-DD') : null,
    })
    save.mutate(
      { resourceId, body },
      {
        onSuccess: (saved) => {
          void message.success(
            resourceId ? t('form.saved', { name: saved.nameZh }) : t('form.created', { name: saved.nameZh }),
          )
          onClose()
        },
        onError: (error) => {
          if (!showFieldProblems(form, error, fieldOf(form))) void message.error(errorText(error))
        },
      },
    )
  }

  const english = i18n.language === 'en'

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md === false ? '100%' : 720}
      destroyOnHidden
      title={
        resourceId ? (
          <Space size={8} wrap>
            {t('form.editTitle', { name: detail?.nameZh ?? '' })}
            {detail && <StatusTag status={detail.status} />}
          </Space>
        ) : (
          t('form.createTitle')
        )
      }
      data-testid="resource-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          saving={save.isPending}
          disabled={loading}
          testId="resource-form-submit"
        />
      }
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <>
          {detail && (
            <>
              <UntestedHint detail={detail} />
              <Divider titlePlacement="start" plain>
                {t('tests.title')}
              </Divider>
              <AccessTests detail={detail} />
              <Divider titlePlacement="start" plain>
                {t('form.sections.details')}
              </Divider>
            </>
          )}
          <Form<Values>
            form={form}
            name="e-resource"
            layout="vertical"
            onFinish={submit}
            onFinishFailed={({ errorFields }) => {
              if (errorFields[0]) form.scrollToField(errorFields[0].name)
            }}
            disabled={save.isPending}
          >
            <div className="sq-res-filters">
              <Form.Item name="nameZh" label={t('form.nameZh')} rules={nameRules(200)}>
                <Input data-testid="resource-form-name-zh" />
              </Form.Item>
              <Form.Item
                name="nameEn"
                label={t('form.nameEn')}
                rules={[{ max: 200, message: t('common:validation.max', { max: 200 }) }]}
              >
                <Input data-testid="resource-form-name-en" />
              </Form.Item>
            </div>
            <Form.Item name="aliases" label={t('form.aliases')} extra={t('form.aliasesHint')}>
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                tokenSeparators={[',', '，']}
                data-testid="resource-form-aliases"
              />
            </Form.Item>
            <div className="sq-res-filters">
              <Form.Item
                name="kind"
                label={t('form.kind')}
                rules={[{ required: true, message: t('common:validation.required') }]}
              >
                <Select
                  options={eResources.RESOURCE_KINDS.map((kind) => ({
                    value: kind,
                    label: t(`kind.${kind}`),
                  }))}
                  data-testid="resource-form-kind"
                />
              </Form.Item>
              <Form.Item
                name="vendor"
                label={t('form.vendor')}
                rules={[{ max: 200, message: t('common:validation.max', { max: 200 }) }]}
              >
                <Input data-testid="resource-form-vendor" />
              </Form.Item>
            </div>
            <Form.Item name="url" label={t('form.url')} extra={t('form.urlHint')} rules={urlRules(t, true)}>
              <Input placeholder="https://" spellCheck={false} data-testid="resource-form-url" />
            </Form.Item>
            <Form.Item name="subjects" label={t('form.subjects')}>
              <Select mode="multiple" options={subjects} allowClear data-testid="resource-form-subjects" />
            </Form.Item>
            <div className="sq-res-filters">
              <Form.Item name="platform" label={t('form.platform')} extra={t('form.platformHint')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'search' }}
                  loading={platforms.isPending}
                  options={(platforms.data?.items ?? []).map((item) => ({
                    value: item.code,
                    search: `${item.code} ${item.name}`,
                    label: (
                      <span>
                        {item.name}
                        {!item.confirmed && (
                          <Tag color="warning" style={{ marginInlineStart: 6 }}>
                            {t('platforms.unconfirmed')}
                          </Tag>
                        )}
                      </span>
                    ),
                  }))}
                  data-testid="resource-form-platform"
                />
              </Form.Item>
              <Form.Item name="ownerId" label={t('form.owner')} extra={t('form.ownerHint')}>
                <Select
                  allowClear
                  loading={staff.isPending && !!me.library}
                  options={(staff.data?.items ?? []).map((member) => ({
                    value: member.id,
                    label: `${member.name}（${member.roles.map((role) => t(`common:role.${role}`)).join(english ? ', ' : '、')}）`,
                  }))}
                  data-testid="resource-form-owner"
                />
              </Form.Item>
            </div>

            <Divider titlePlacement="start" plain>
              {t('form.sections.free')}
            </Divider>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('form.freeHint')}
            </Typography.Paragraph>
            <div className="sq-res-filters">
              <Form.Item name="freeFrom" label={t('form.freeFrom')}>
                <DatePicker style={{ width: '100%' }} data-testid="resource-form-free-from" />
              </Form.Item>
              <Form.Item
                name="freeUntil"
                label={t('form.freeUntil')}
                dependencies={['freeFrom']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | null | undefined) => {
                      const from = getFieldValue('freeFrom') as Dayjs | null | undefined
                      return value && from && value.isBefore(from, 'day')
                        ? Promise.reject(new Error(t('form.endsBeforeStart')))
                        : Promise.resolve()
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="resource-form-free-until" />
              </Form.Item>
            </div>

            <Divider titlePlacement="start" plain>
              {t('form.sections.access')}
            </Divider>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('form.routesHint')}
            </Typography.Paragraph>
            <RoutesEditor template={template} />

            <Divider titlePlacement="start" plain>
              {t('form.sections.description')}
            </Divider>
            <Form.Item
              name="descriptionZh"
              label={t('form.descriptionZh')}
              rules={[{ max: 4000, message: t('common:validation.max', { max: 4000 }) }, noteRule()]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 8 }}
                data-testid="resource-form-description-zh"
              />
            </Form.Item>
            <Form.Item
              name="descriptionEn"
              label={t('form.descriptionEn')}
              rules={[{ max: 4000, message: t('common:validation.max', { max: 4000 }) }, noteRule()]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 8 }}
                data-testid="resource-form-description-en"
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Drawer>
  )
}
