import { Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDebounced } from '../catalogue/use-debounced.ts'
import { FaqAnswers } from './faq-answers.tsx'
import { useFaqSearch } from './queries.ts'

/** At the desk, during a chat: find an FAQ answer (staff-only ones too) and put it into the reply. */
export const FaqLookup = ({ onInsert }: { onInsert: (text: string) => void }) => {
  const { t } = useTranslation('referenceDesk')
  const [typed, setTyped] = useState('')
  const q = useDebounced(typed.trim(), 300)
  const faq = useFaqSearch(undefined, q, { limit: 5, enabled: q.length > 0 })
  const items = q ? (faq.data?.items ?? []) : []
  return (
    <div className="sq-faq-lookup" data-testid="desk-faq">
      <Input.Search
        size="small"
        allowClear
        value={typed}
        placeholder={t('faq.lookupHint')}
        aria-label={t('faq.lookup')}
        onChange={(event) => setTyped(event.target.value)}
        data-testid="desk-faq-search"
      />
      {q && faq.data && items.length === 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('faq.noMatch')}
        </Typography.Text>
      )}
      {items.length > 0 && <FaqAnswers items={items} onInsert={onInsert} />}
    </div>
  )
}
