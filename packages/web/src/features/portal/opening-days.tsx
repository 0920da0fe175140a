import { Alert, Card, Skeleton, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { addDays, isoWeekday, todayIn } from '../../app/dates.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { useCalendar } from '../libraries/queries.ts'

/** Whether the building is open today and on each of the next seven days. */
export const OpeningDays = ({ libraryId, timeZone }: { libraryId: string; timeZone: string | undefined }) => {
  const { t } = useTranslation(['portal', 'common'])
  const errorText = useErrorText()
  const today = todayIn(timeZone)
  const calendar = useCalendar(libraryId, today, addDays(today, 7))
  const [first, ...next] = calendar.data?.days ?? []

  return (
    <Card title={t('opening.title')} data-testid="opening-days" size="small">
      {calendar.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {calendar.isError && (
        <Alert
          type="warning"
          showIcon
          title={t('opening.failed')}
          description={errorText(calendar.error)}
          action={
            <Typography.Link onClick={() => void calendar.refetch()}>
              {t('common:action.retry')}
            </Typography.Link>
          }
        />
      )}
      {first && (
        <>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
            <Typography.Text strong>{t('opening.today')}</Typography.Text>
            <Tag
              color={first.open ? 'success' : 'error'}
              data-testid="opening-today"
              style={{ marginInlineEnd: 0 }}
            >
              {first.open ? t('opening.open') : t('opening.closed')}
            </Tag>
            {first.note && <Typography.Text type="secondary">{first.note}</Typography.Text>}
          </div>
          {!first.open && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('opening.closedHint')}
            </Typography.Paragraph>
          )}
          <ul className="sq-week" aria-label={t('opening.nextDays')}>
            {next.map((day) => (
              <li
                key={day.date}
                className={`sq-week-day ${day.open ? 'open' : 'closed'}`}
                title={day.note ?? undefined}
                data-testid={`opening-day-${day.date}`}
              >
                <div>{t(`common:weekdayShort.${isoWeekday(day.date)}`)}</div>
                <div style={{ fontWeight: 600 }}>{dayjs(day.date).format('D')}</div>
                <div>{day.open ? t('opening.openShort') : t('opening.closedShort')}</div>
              </li>
            ))}
          </ul>
          {next.some((day) => day.note) && (
            <ul style={{ margin: '12px 0 0', paddingInlineStart: 18, fontSize: 13 }}>
              {next
                .filter((day) => day.note)
                .map((day) => (
                  <li key={day.date}>
                    {dayjs(day.date).format(t('common:format.monthDay'))} {day.note}
                  </li>
                ))}
            </ul>
          )}
        </>
      )}
    </Card>
  )
}
