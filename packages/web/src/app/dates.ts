import dayjs from 'dayjs'

/** Today's date (YYYY-MM-DD) where the library is, not where the browser is. */
export const todayIn = (timeZone: string | undefined) => {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: timeZone ?? 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date())
  } catch {
    return dayjs().format('YYYY-MM-DD')
  }
}

/** A moment as the library's clock shows it (YYYY-MM-DD HH:mm), not the browser's. */
export const localTimeIn = (timeZone: string | undefined, iso: string) => {
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: timeZone ?? 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(iso))
        .map((part) => [part.type, part.value]),
    )
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
  } catch {
    return dayjs(iso).format('YYYY-MM-DD HH:mm')
  }
}

export const addDays = (date: string, days: number) => dayjs(date).add(days, 'day').format('YYYY-MM-DD')

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export const isoWeekday = (date: string): IsoWeekday => {
  const day = dayjs(date).day()
  return (day === 0 ? 7 : day) as IsoWeekday
}

export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number]

export const formatDateTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss')
