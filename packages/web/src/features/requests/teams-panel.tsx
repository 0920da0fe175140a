import { TeamOutlined } from '@ant-design/icons'
import { requests } from '@shuqiao/contracts'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App as AntApp, Card, Select, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/client.ts'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { requestTypeOf, useText } from './request-types.ts'

const teamsKey = (libraryId: string | undefined) => ['request-teams', libraryId]

/**
 * Who takes each type's new requests: subject librarians first where the type says so, then
 * its team in turn. Staff see the teams; admins change them here.
 */
export const TeamsPanel = () => {
  const { t } = useTranslation(['requests', 'common'])
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const text = useText()
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const queryClient = useQueryClient()
  const libraries = useLibraries()
  const [chosen, setChosen] = useState<string>()
  const libraryId = chosen ?? me.library?.id
  const editable = mayCall(me, requests.setRequestTeam)

  const staff = useQuery({
    queryKey: ['request-staff', libraryId],
    queryFn: () => call(requests.listRequestStaff, { params: { libraryId: libraryId! } }),
    enabled: !!libraryId,
  })
  const teams = useQuery({
    queryKey: teamsKey(libraryId),
    queryFn: () => call(requests.listRequestTeams, { params: { libraryId: libraryId! } }),
    enabled: !!libraryId,
  })
  const save = useMutation({
    mutationFn: ({ type, accountIds }: { type: string; accountIds: string[] }) =>
      call(requests.setRequestTeam, { params: { libraryId: libraryId!, type }, body: { accountIds } }),
    onSuccess: async () => {
      message.success(t('teams.saved'))
      await queryClient.invalidateQueries({ queryKey: teamsKey(libraryId) })
    },
    onError: (error) => message.error(errorText(error)),
  })

  return (
    <Card
      size="small"
      title={
        <span>
          <TeamOutlined /> {t('teams.title')}
        </span>
      }
      extra={
        consortium && (
          <Select
            value={libraryId}
            onChange={setChosen}
            placeholder={t('teams.library')}
            aria-label={t('teams.library')}
            style={{ width: 200 }}
            options={(libraries.data?.items ?? []).map((library) => ({
              value: library.id,
              label: name(library),
            }))}
            data-testid="teams-library"
          />
        )
      }
      data-testid="teams-panel"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('teams.intro')}
      </Typography.Paragraph>
      {!libraryId ? (
        <Typography.Text type="secondary">{t('teams.pickLibrary')}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="type"
          pagination={false}
          loading={teams.isPending}
          dataSource={teams.data?.items ?? []}
          scroll={{ x: 640 }}
          data-testid="teams-table"
          columns={[
            {
              title: t('field.type'),
              dataIndex: 'type',
              width: 140,
              render: (code: string) => text(requestTypeOf(code)?.name),
            },
            {
              title: t('teams.rule'),
              dataIndex: 'type',
              width: 220,
              render: (code: string) => t(`teams.ruleOf.${requestTypeOf(code)?.assignment ?? 'manual'}`),
            },
            {
              title: t('teams.members'),
              dataIndex: 'members',
              render: (members: requests.StaffMember[], row: requests.RequestTeam) =>
                editable && requestTypeOf(row.type)?.assignment !== 'manual' ? (
                  <Select
                    mode="multiple"
                    value={members.map((member) => member.id)}
                    onChange={(accountIds: string[]) => save.mutate({ type: row.type, accountIds })}
                    placeholder={t('teams.nobody')}
                    aria-label={t('teams.members')}
                    style={{ width: '100%', minWidth: 220 }}
                    loading={save.isPending}
                    optionFilterProp="label"
                    options={(staff.data?.items ?? []).map((member) => ({
                      value: member.id,
                      label: t('teams.memberLabel', { name: member.name, open: member.openRequests }),
                    }))}
                    data-testid={`teams-members-${row.type}`}
                  />
                ) : members.length > 0 ? (
                  members.map((member) => <Tag key={member.id}>{member.name}</Tag>)
                ) : (
                  <Typography.Text type="secondary">{t('teams.nobody')}</Typography.Text>
                ),
            },
          ]}
        />
      )}
    </Card>
  )
}
