import { todayIn } from '../../app/dates.ts'
import { useLibraries } from '../session/queries.ts'

/** Today where a library is (its time zone), for telling which loans are due soon. */
export const useLibraryToday = (libraryId: string | undefined) => {
  const libraries = useLibraries()
  return todayIn(libraries.data?.items.find((library) => library.id === libraryId)?.timeZone)
}
