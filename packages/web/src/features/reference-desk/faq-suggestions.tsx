import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useDebounced } from '../catalogue/use-debounced.ts'
import { FaqAnswers } from './faq-answers.tsx'
import { useFaqSearch } from './queries.ts'

/**
 * While a reader types their first question: a few FAQ answers that may already answer it,
 * looked up once they pause typing. Nothing is shown until something matches.
 */
export const FaqSuggestions = ({ library, draft }: { library: string | undefined; draft: string }) => {
  const { t } = useTranslation('referenceDesk')
  const q = useDebounced(draft.trim(), 400)
  const faq = useFaqSearch(library, q, { limit: 3, enabled: q.length >= 2 })
  const items = q.length >= 2 ? (faq.data?.items ?? []) : []
  if (items.length === 0) return null
  return (
    <div className="sq-faq-suggest" data-testid="faq-suggestions">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('faq.suggested')}
      </Typography.Text>
      <FaqAnswers items={items} />
    </div>
  )
}
