import { BookOutlined, SearchOutlined, ShoppingCartOutlined } from '@ant-design/icons'
import { Button, Card, Input, Select, Skeleton, Space, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { type BookGroup, groupCopies, publication } from './catalogue-logic.ts'
import { ItemStatusTag, ShelfLine } from './catalogue-parts.tsx'
import { READER_PAGE_SIZE, useCatalogueSearch } from './queries.ts'
import './catalogue.css'
import { searchChanger } from '../../app/search-params.ts'

const BookCard = ({ book, canRequest }: { book: BookGroup; canRequest: boolean }) => {
  const { t } = useTranslation('catalogue')
  const where = publication(book.publisher, book.year)
  const onShelf = book.copies.find((copy) => copy.status === 'available')
  return (
    <Card size="small" data-testid="reader-catalogue-item" data-isbn={book.isbn ?? ''}>
      <div className="sq-cat-card-head">
        <div className="sq-cat-card-title">{book.title}</div>
        <ItemStatusTag status={book.status} testId="reader-catalogue-availability" />
      </div>
      <div className="sq-cat-meta">
        {book.author && <span>{book.author}</span>}
        {where && <span>{where}</span>}
      </div>
      {book.shelves.some((shelf) => shelf.location || shelf.callNumber) && (
        <ul className="sq-cat-shelves">
          {book.shelves.map((shelf) => (
            <li key={`${shelf.location}\u0000${shelf.callNumber}`}>
              <ShelfLine location={shelf.location} callNumber={shelf.callNumber} />
            </li>
          ))}
        </ul>
      )}
      <div className="sq-cat-meta" style={{ flexDirection: 'row', gap: 8, marginTop: 6 }}>
        <span>{t('reader.copies', { count: book.copies.length })}</span>
        <span aria-hidden>·</span>
        <span style={{ color: book.available > 0 ? '#135c52' : undefined }}>
          {book.available > 0
            ? t('reader.availableCopies', { count: book.available })
            : t('reader.noneAvailable')}
        </span>
      </div>
      {canRequest && onShelf && (
        <LinkButton
          to={`/pickups?item=${onShelf.id}`}
          size="small"
          style={{ marginTop: 8 }}
          data-testid="reader-catalogue-request"
        >
          {t('reader.request')}
        </LinkButton>
      )}
    </Card>
  )
}

/** 馆藏检索: a reader looks a book up on a phone and sees where it stands and whether it is in. */
export const ReaderCataloguePage = () => {
  const { t } = useTranslation(['catalogue', 'common'])
  usePageTitle(t('reader.title'))
  const me = useSignedIn()
  const name = useBilingual()
  const libraries = useLibraries()
  const [search, setSearch] = useSearchParams()
  const q = search.get('q')?.trim() ?? ''
  // Readers and staff search their own library; the consortium admin picks one.
  const libraryId = me.library ? undefined : (search.get('library') ?? libraries.data?.items[0]?.id)
  const libraryName = me.library
    ? name(me.library)
    : name(libraries.data?.items.find((library) => library.id === libraryId))
  const items = useCatalogueSearch(
    { q: q || undefined, libraryId },
    { pageSize: READER_PAGE_SIZE, enabled: !!q && (!!me.library || !!libraryId) },
  )
  const copies = useMemo(() => items.data?.pages.flatMap((page) => page.items) ?? [], [items.data])
  const books = useMemo(() => groupCopies(copies), [copies])

  const change = searchChanger(setSearch)

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="reader-catalogue-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('reader.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{libraryName}</Typography.Text>
      </div>
      {!me.library && (
        <Select
          value={libraryId}
          onChange={(id: string) => change({ library: id })}
          options={(libraries.data?.items ?? []).map((library) => ({
            value: library.id,
            label: name(library),
          }))}
          aria-label={t('reader.pickLibrary')}
          placeholder={t('reader.pickLibrary')}
          style={{ width: '100%' }}
          data-testid="reader-catalogue-library"
        />
      )}
      <Input.Search
        key={q}
        defaultValue={q}
        size="large"
        allowClear
        enterButton={t('reader.searchButton')}
        placeholder={t('reader.search')}
        aria-label={t('reader.search')}
        maxLength={100}
        inputMode="search"
        enterKeyHint="search"
        loading={items.isFetching && !items.isFetchingNextPage}
        onSearch={(value) => change({ q: value.trim() || undefined })}
        data-testid="reader-catalogue-search"
      />
      {!q ? (
        <div className="sq-cat-start" data-testid="reader-catalogue-start">
          <SearchOutlined aria-hidden className="sq-cat-start-icon" />
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('reader.intro', { library: libraryName })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
            {t('reader.tips')}
          </Typography.Paragraph>
        </div>
      ) : items.isPending ? (
        <div data-testid="page-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : items.isError ? (
        <PageError error={items.error} onRetry={() => void items.refetch()} />
      ) : books.length === 0 ? (
        <EmptyHint
          text={t('reader.empty', { q })}
          action={
            me.library && (
              <LinkButton
                to={`/services/purchase_suggestion/new?title=${encodeURIComponent(q)}`}
                icon={<ShoppingCartOutlined />}
                data-testid="reader-catalogue-suggest"
              >
                {t('reader.suggest')}
              </LinkButton>
            )
          }
        />
      ) : (
        <>
          <div className="sq-cat-list" data-testid="reader-catalogue-list">
            {books.map((book) => (
              <BookCard key={book.key} book={book} canRequest={!!me.library} />
            ))}
          </div>
          <div className="sq-load-more">
            {items.hasNextPage ? (
              <Button
                onClick={() => void items.fetchNextPage()}
                loading={items.isFetchingNextPage}
                icon={<BookOutlined />}
                data-testid="reader-catalogue-load-more"
              >
                {t('common:action.loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary">{t('reader.allShown')}</Typography.Text>
            )}
          </div>
        </>
      )}
    </Space>
  )
}
