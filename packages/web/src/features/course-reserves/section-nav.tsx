import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'

const SECTIONS = {
  courses: '/staff/course-reserves',
  titles: '/staff/course-reserves/titles',
  holdings: '/staff/course-reserves/e-holdings',
  publishers: '/staff/course-reserves/publishers',
  coverage: '/staff/course-reserves/coverage',
  reviews: '/staff/course-reserves/reviews',
} as const

type Section = keyof typeof SECTIONS

/** The parts of course reserves in the staff console: courses, requested titles, e-holdings, reviews. */
export const SectionNav = ({ current }: { current: Section }) => {
  const { t } = useTranslation('courseReserves')
  const navigate = useNavigate()
  return (
    <Segmented<Section>
      value={current}
      onChange={(section) => void navigate(SECTIONS[section])}
      style={{ marginBottom: 16 }}
      data-testid="course-reserves-nav"
      options={(Object.keys(SECTIONS) as Section[]).map((section) => ({
        value: section,
        label: <span data-testid={`course-reserves-nav-${section}`}>{t(`nav.${section}`)}</span>,
      }))}
    />
  )
}
