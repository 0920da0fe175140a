import { Button, Empty, Input, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { useDebounced } from '../catalogue/use-debounced.ts'
import { useLibraries, useMe } from '../session/queries.ts'
import { FaqAnswers } from './faq-answers.tsx'
import { useFaqSearch } from './queries.ts'
import './reference-desk.css'

/**
 * 常见问题 for readers, phone first: search (Chinese or English), narrow by topic, open an answer;
 * when nothing answers the question, 在线咨询 is one tap away. Guests name the library (?library=).
 */
export const FaqPage = () => {
  const { t } = useTranslation(['referenceDesk', 'common'])
  usePageTitle(t('faq.title'))
  const name = useBilingual()
  const me = useMe()
  const libraries = useLibraries()
  const [search, setSearch] = useSearchParams()
  const [typed, setTyped] = useState(search.get('q') ?? '')
  const [topic, setTopic] = useState<string>()
  const q = useDebounced(typed.trim(), typed.trim() ? 300 : 0)
  const libraryCode = search.get('library') ?? me.data?.library?.code ?? undefined
  const faq = useFaqSearch(libraryCode, q, { enabled: !!libraryCode })

  if (me.isPending) return <PageLoading rows={5} />

  const items = faq.data?.items ?? []
  const topics = [
    ...new Map(items.flatMap((item) => (item.topic ? [[item.topic.id, item.topic]] : []))).values(),
  ]
  const shown = topic ? items.filter((item) => item.topic?.id === topic) : items
  const askTo = libraryCode && !me.data ? `/ask?library=${libraryCode}` : '/ask'

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="faq-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('faq.title')}
      </Typography.Title>
      {!me.data && (
        <Select
          placeholder={t('ask.chooseLibrary')}
          value={libraryCode}
          options={(libraries.data?.items ?? []).map((library) => ({
            value: library.code,
            label: name(library),
          }))}
          onChange={(code: string) => setSearch({ library: code })}
          data-testid="faq-library"
          style={{ width: '100%' }}
        />
      )}
      {libraryCode && (
        <>
          <Input.Search
            value={typed}
            allowClear
            placeholder={t('faq.searchHint')}
            aria-label={t('faq.search')}
            onChange={(event) => setTyped(event.target.value)}
            data-testid="faq-search"
          />
          {topics.length > 1 && (
            <div className="sq-faq-topics" data-testid="faq-topics">
              <Tag.CheckableTag checked={!topic} onChange={() => setTopic(undefined)}>
                {t('faq.allTopics')}
              </Tag.CheckableTag>
              {topics.map((item) => (
                <Tag.CheckableTag
                  key={item.id}
                  checked={topic === item.id}
                  onChange={(checked) => setTopic(checked ? item.id : undefined)}
                  data-testid={`faq-topic-${item.code}`}
                >
                  {name(item)}
                </Tag.CheckableTag>
              ))}
            </div>
          )}
          {faq.isError && <PageError error={faq.error} onRetry={() => void faq.refetch()} />}
          {faq.isPending && <PageLoading rows={4} />}
          {faq.data &&
            (shown.length > 0 ? (
              <FaqAnswers items={shown} />
            ) : (
              <Empty description={q ? t('faq.noMatch') : t('faq.none')} data-testid="faq-empty">
                <Link to={askTo}>
                  <Button type="primary">{t('faq.ask')}</Button>
                </Link>
              </Empty>
            ))}
          {faq.data && shown.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('faq.stillStuck')} <Link to={askTo}>{t('faq.ask')}</Link>
            </Typography.Text>
          )}
        </>
      )}
    </Space>
  )
}
