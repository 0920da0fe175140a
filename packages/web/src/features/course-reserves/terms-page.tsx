import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { type Term, useSaveTerm, useTerms } from './queries.ts'
import { TermDrawer } from './term-drawer.tsx'

/** The library's terms: add one, correct one, or make one current. */
export const TermsPage = () => {
  const { t } = useTranslation(['courseReserves', 'common'])
  usePageTitle(t('terms.title'))
  const terms = useTerms()
  const save = useSaveTerm()
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [editing, setEditing] = useState<{ term?: Term } | undefined>()

  const makeCurrent = (term: Term) =>
    save.mutate(
      { termId: term.id, body: { current: true } },
      {
        onSuccess: () => void message.success(t('terms.nowCurrent', { name: name(term) })),
        onError: (error) => void message.error(errorText(error)),
      },
    )

  return (
    <div data-testid="terms-page">
      <PageHead
        title={t('terms.title')}
        intro={t('terms.intro')}
        extra={
          <Space wrap>
            <LinkButton to="/staff/course-reserves" icon={<ArrowLeftOutlined />}>
              {t('course.back')}
            </LinkButton>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="term-add"
            >
              {t('terms.add')}
            </Button>
          </Space>
        }
      />
      <Card size="small">
        {terms.isError ? (
          <PageError error={terms.error} onRetry={() => void terms.refetch()} backTo="/staff" />
        ) : (
          <Table<Term>
            rowKey="id"
            size="middle"
            loading={terms.isPending}
            dataSource={terms.data?.items ?? []}
            pagination={false}
            scroll={{ x: 760 }}
            data-testid="terms-table"
            locale={{ emptyText: <EmptyHint text={t('terms.empty')} /> }}
            columns={[
              {
                title: t('terms.code'),
                dataIndex: 'code',
                width: 140,
                render: (code: string) => <span className="sq-cr-code">{code}</span>,
              },
              {
                title: t('terms.title'),
                key: 'name',
                render: (_, term) => (
                  <Space size={8} wrap>
                    {name(term)}
                    {term.current && <Tag color="success">{t('terms.current')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('terms.dates'),
                key: 'dates',
                width: 220,
                render: (_, term) => `${term.startsOn} – ${term.endsOn}`,
              },
              { title: t('terms.courseCount'), dataIndex: 'courseCount', width: 80, align: 'right' },
              {
                title: t('common:table.actions'),
                key: 'actions',
                width: 200,
                render: (_, term) => (
                  <Space size={4}>
                    <Button size="small" onClick={() => setEditing({ term })} data-testid="term-edit">
                      {t('terms.edit')}
                    </Button>
                    {!term.current && (
                      <Button
                        size="small"
                        onClick={() => makeCurrent(term)}
                        loading={save.isPending && save.variables?.termId === term.id}
                        data-testid="term-make-current"
                      >
                        {t('terms.makeCurrent')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <TermDrawer open={!!editing} term={editing?.term} onClose={() => setEditing(undefined)} />
    </div>
  )
}
