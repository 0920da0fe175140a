import {
  type Bilingual,
  placeholderToken,
  REPLY_PLACEHOLDERS,
  type ReplyPlaceholder,
} from '@shuqiao/contracts'
import { Tag, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { REQUEST_TYPES, requestTypeOf, useText } from './request-types.ts'

/**
 * The steps staff take on a type, or on any type when none is given; one action name may mean
 * different steps in different types (`return`), so their labels are joined.
 */
export const staffSteps = (typeCode: string | null | undefined): { action: string; label: Bilingual }[] => {
  const types = typeCode ? [requestTypeOf(typeCode)].filter((type) => !!type) : REQUEST_TYPES
  const byAction = new Map<string, { zh: Set<string>; en: Set<string> }>()
  for (const type of types)
    for (const transition of type!.transitions) {
      if (transition.by !== 'staff') continue
      const labels = byAction.get(transition.action) ?? { zh: new Set(), en: new Set() }
      labels.zh.add(transition.label.zh)
      labels.en.add(transition.label.en)
      byAction.set(transition.action, labels)
    }
  return [...byAction].map(([action, labels]) => ({
    action,
    label: { zh: [...labels.zh].join(' / '), en: [...labels.en].join(' / ') },
  }))
}

/** "文献传递 · 受理", "所有类型 · 任何步骤和留言": what a template is offered for. */
export const useAppliesTo = () => {
  const { t } = useTranslation('templates')
  const text = useText()
  return (template: { type: string | null; action: string | null }) => {
    const type = template.type ? text(requestTypeOf(template.type)?.name) || template.type : t('anyType')
    const step = template.action
      ? text(staffSteps(template.type).find((candidate) => candidate.action === template.action)?.label) ||
        template.action
      : t('anyAction')
    return `${type} · ${step}`
  }
}

/** Clickable placeholders: each inserts itself, written in the language of the text it goes into. */
export const PlaceholderChips = ({
  language,
  onPick,
}: {
  language: 'zh' | 'en'
  onPick: (token: string) => void
}) => {
  const text = useText()
  return (
    <span className="sq-tpl-chips" data-testid={`template-placeholders-${language}`}>
      {REPLY_PLACEHOLDERS.map((placeholder) => {
        const token = placeholderToken(placeholder.key as ReplyPlaceholder, language)
        return (
          <Tooltip key={placeholder.key} title={text(placeholder.label)}>
            <Tag
              className="sq-tpl-chip"
              role="button"
              tabIndex={0}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onPick(token)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault()
                  onPick(token)
                }
              }}
            >
              {token}
            </Tag>
          </Tooltip>
        )
      })}
    </span>
  )
}
