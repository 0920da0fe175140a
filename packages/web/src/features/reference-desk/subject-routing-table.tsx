import type { referenceDesk } from '@shuqiao/contracts'
import { App as AntApp, Select, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { useDisciplines } from '../e-resources/queries.ts'
import { useSetSubjectDisciplines, useSubjectLibrarians } from './subject-routing.queries.ts'

/** 学科馆员: which disciplines (and, from subject assignments, departments) each librarian answers first. */
export const SubjectRoutingTable = ({ canEdit }: { canEdit: boolean }) => {
  const { t, i18n } = useTranslation('roster')
  const english = i18n.language === 'en'
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const list = useSubjectLibrarians()
  const disciplines = useDisciplines(null)
  const save = useSetSubjectDisciplines()
  const options = (disciplines.data?.items ?? []).map((item) => ({
    value: item.code,
    label: english ? item.en : item.zh,
  }))
  return (
    <section data-testid="subject-librarians">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('subject.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('subject.help')}</Typography.Paragraph>
      <Table<referenceDesk.SubjectLibrarian>
        rowKey={(row) => row.librarian.id}
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('shifts.librarian'), render: (_, row) => row.librarian.name, width: 120 },
          {
            title: t('subject.disciplines'),
            render: (_, row) =>
              canEdit ? (
                <Select
                  mode="multiple"
                  allowClear
                  optionFilterProp="label"
                  options={options}
                  value={row.disciplines.map((item) => item.code)}
                  onChange={(codes: string[]) =>
                    save.mutate(
                      { accountId: row.librarian.id, disciplines: codes },
                      { onError: (error) => void message.error(errorText(error)) },
                    )
                  }
                  style={{ minWidth: 240, width: '100%' }}
                  data-testid="subject-disciplines"
                />
              ) : (
                row.disciplines.map((item) => <Tag key={item.code}>{english ? item.en : item.zh}</Tag>)
              ),
          },
          {
            title: t('subject.departments'),
            render: (_, row) =>
              row.departments.map((item) => <Tag key={item.id}>{english ? item.nameEn : item.nameZh}</Tag>),
            width: 220,
          },
        ]}
      />
    </section>
  )
}
