import { CheckOutlined, CloseOutlined, LinkOutlined, UndoOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { MatchKindTag } from './title-parts.tsx'
import { type MatchProposal, type StaffTitle, useDecideMatch } from './title-queries.ts'
import { isbnText, titleDetails } from './titles-logic.ts'

/**
 * A title's proposed matches, best first, each with its platform, how it was found and its link;
 * accepted in one click (the title is then matched, with that link) or rejected for good.
 */
export const TitleProposals = ({ title }: { title: StaffTitle }) => {
  const { t } = useTranslation('courseReserves')
  return (
    <div data-testid="title-proposals">
      {title.proposals.map((proposal) => (
        <ProposalRow key={proposal.id} titleId={title.id} proposal={proposal} />
      ))}
      {title.rejectedCount > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('titles.rejectedCount', { count: title.rejectedCount })}
        </Typography.Text>
      )}
    </div>
  )
}

const ProposalRow = ({ titleId, proposal }: { titleId: string; proposal: MatchProposal }) => {
  const { t } = useTranslation('courseReserves')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const decide = useDecideMatch()
  const accepted = proposal.state === 'accepted'
  const run = (accept: boolean) =>
    decide.mutate(
      { titleId, matchId: proposal.id, accept },
      {
        onSuccess: () =>
          void message.success(
            accept ? t('titles.accepted', { platform: proposal.platform.name }) : t('titles.rejected'),
          ),
        onError: (error) => void message.error(errorText(error)),
      },
    )
  const details = [
    titleDetails({ author: proposal.author, publisher: proposal.publisher, edition: null }),
    isbnText(proposal.isbn13),
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <div
      className="sq-cr-proposal"
      data-testid="title-proposal"
      data-state={proposal.state}
      data-match-id={proposal.id}
    >
      <Space orientation="vertical" size={2} style={{ minWidth: 0, flex: 1 }}>
        <Space size={[6, 4]} wrap>
          <Typography.Text strong>{proposal.platform.name}</Typography.Text>
          <MatchKindTag kind={proposal.matchedBy} />
          {proposal.free && <Tag color="cyan">{t('titles.free')}</Tag>}
          {accepted && <Tag color="success">{t('titles.acceptedState')}</Tag>}
        </Space>
        <Typography.Text style={{ overflowWrap: 'anywhere' }}>{proposal.title}</Typography.Text>
        {details && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {details}
          </Typography.Text>
        )}
        <Typography.Link
          href={proposal.url}
          target="_blank"
          rel="noopener noreferrer"
          style={{ fontSize: 12, overflowWrap: 'anywhere' }}
        >
          <LinkOutlined /> {proposal.url}
        </Typography.Link>
      </Space>
      <Space>
        {accepted ? (
          <Button
            icon={<UndoOutlined />}
            onClick={() => run(false)}
            loading={decide.isPending}
            data-testid="proposal-undo"
          >
            {t('titles.undo')}
          </Button>
        ) : (
          <>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => run(true)}
              loading={decide.isPending && decide.variables?.accept}
              data-testid="proposal-accept"
            >
              {t('titles.accept')}
            </Button>
            <Button
              icon={<CloseOutlined />}
              onClick={() => run(false)}
              loading={decide.isPending && decide.variables?.accept === false}
              data-testid="proposal-reject"
            >
              {t('titles.reject')}
            </Button>
          </>
        )}
      </Space>
    </div>
  )
}
