import type { referenceDesk } from '@shuqiao/contracts'
import { Button, Collapse, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** The article's question and answer in the reader's language, Chinese when no English was written. */
export const useArticleText = () => {
  const { i18n } = useTranslation()
  const english = i18n.language === 'en'
  return (article: referenceDesk.FaqArticle) => ({
    question: (english && article.questionEn) || article.questionZh,
    answer: (english && article.answerEn) || article.answerZh,
  })
}

/** FAQ articles as expandable questions; staff may insert an answer into their reply. */
export const FaqAnswers = ({
  items,
  onInsert,
}: {
  items: referenceDesk.FaqArticle[]
  onInsert?: (text: string) => void
}) => {
  const { t } = useTranslation('referenceDesk')
  const text = useArticleText()
  return (
    <Collapse
      size="small"
      data-testid="faq-list"
      items={items.map((article) => {
        const { question, answer } = text(article)
        return {
          key: article.id,
          label: (
            <span data-testid="faq-question" data-article-id={article.id}>
              {question}
              {article.visibility === 'staff' && (
                <Tag color="orange" style={{ marginInlineStart: 6 }}>
                  {t('faq.staffOnly')}
                </Tag>
              )}
            </span>
          ),
          children: (
            <div data-testid="faq-answer">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: onInsert ? 8 : 0 }}>
                {answer}
              </Typography.Paragraph>
              {onInsert && (
                <Button size="small" onClick={() => onInsert(answer)} data-testid="faq-insert">
                  {t('faq.insert')}
                </Button>
              )}
            </div>
          ),
        }
      })}
    />
  )
}
