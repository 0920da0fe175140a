import { DeleteOutlined } from '@ant-design/icons'
import { Button, InputNumber, Switch, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { LoanRule } from './queries.ts'

type NumberField = 'loanDays' | 'itemLimit' | 'renewalLimit' | 'renewalDays'
const LIMITS: Record<NumberField, [number, number]> = {
  loanDays: [1, 366],
  itemLimit: [0, 500],
  renewalLimit: [0, 20],
  renewalDays: [1, 366],
}

/**
 * The rules as a table; with `onChange` every number, switch and fine can be edited and a
 * material type's rule removed (a reader type's general rule stays).
 */
export const RulesTable = ({
  rules,
  onChange,
}: {
  rules: LoanRule[]
  onChange?: ((rules: LoanRule[]) => void) | undefined
}) => {
  const { t } = useTranslation(['circulation', 'catalogue'])
  const edit = (index: number, change: Partial<LoanRule>) =>
    onChange?.(rules.map((rule, at) => (at === index ? { ...rule, ...change } : rule)))
  const keyOf = (rule: LoanRule) => `${rule.readerType}/${rule.materialType ?? '*'}`
  const numberColumn = (field: NumberField, width: number) => ({
    title: t(`rules.${field}`),
    key: field,
    width,
    render: (_: unknown, rule: LoanRule, index: number) =>
      onChange ? (
        <InputNumber
          min={LIMITS[field][0]}
          max={LIMITS[field][1]}
          precision={0}
          value={rule[field]}
          onChange={(value) => value !== null && edit(index, { [field]: value })}
          aria-label={`${t(`readerType.${rule.readerType}`)} ${t(`rules.${field}`)}`}
          style={{ width: '100%' }}
          data-testid={`rule-${keyOf(rule)}-${field}`}
        />
      ) : (
        rule[field]
      ),
  })

  return (
    <Table<LoanRule>
      rowKey={keyOf}
      size="small"
      dataSource={rules}
      pagination={false}
      scroll={{ x: 980 }}
      data-testid="rules-table"
      onRow={(rule) => ({ 'data-rule': keyOf(rule) }) as object}
      columns={[
        {
          title: t('rules.readerType'),
          key: 'readerType',
          width: 90,
          render: (_, rule) => <Tag color="blue">{t(`readerType.${rule.readerType}`)}</Tag>,
        },
        {
          title: t('rules.materialType'),
          key: 'materialType',
          width: 120,
          render: (_, rule) =>
            rule.materialType ? t(`catalogue:materialType.${rule.materialType}`) : t('rules.general'),
        },
        numberColumn('loanDays', 110),
        numberColumn('itemLimit', 100),
        numberColumn('renewalLimit', 100),
        numberColumn('renewalDays', 120),
        {
          title: t('rules.renewOverdue'),
          key: 'renewOverdue',
          width: 110,
          render: (_, rule, index) => (
            <Switch
              size="small"
              checked={rule.renewOverdue}
              disabled={!onChange}
              onChange={(renewOverdue) => edit(index, { renewOverdue })}
              aria-label={t('rules.renewOverdue')}
            />
          ),
        },
        {
          title: t('rules.finePerDay'),
          key: 'fine',
          width: 130,
          render: (_, rule, index) =>
            onChange ? (
              <InputNumber
                min={0}
                max={100}
                step={0.1}
                precision={2}
                value={rule.finePerDayFen / 100}
                onChange={(value) =>
                  value !== null && edit(index, { finePerDayFen: Math.round(value * 100) })
                }
                aria-label={t('rules.finePerDay')}
                style={{ width: '100%' }}
                data-testid={`rule-${keyOf(rule)}-fine`}
              />
            ) : (
              (rule.finePerDayFen / 100).toFixed(2)
            ),
        },
        ...(onChange
          ? [
              {
                title: '',
                key: 'remove',
                width: 60,
                render: (_: unknown, rule: LoanRule, index: number) =>
                  rule.materialType && (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('rules.remove')}
                      title={t('rules.remove')}
                      onClick={() => onChange(rules.filter((_, at) => at !== index))}
                    />
                  ),
              },
            ]
          : []),
      ]}
    />
  )
}
