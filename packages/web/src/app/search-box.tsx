import { Input } from 'antd'
import { useState } from 'react'

/**
 * A list page's text filter: typed freely, applied on Enter or the search button (trimmed), and
 * removed at once when cleared. `applied` is the value in the address; the box follows it when it
 * changes elsewhere (a "clear filters" button, the back button).
 */
export const SearchBox = ({
  applied,
  onApply,
  label,
  maxLength,
  width,
  testId,
}: {
  applied: string | undefined
  onApply: (value: string | undefined) => void
  label: string
  maxLength: number
  width: number
  testId: string
}) => {
  const [value, setValue] = useState(applied ?? '')
  const [seen, setSeen] = useState(applied)
  if (applied !== seen) {
    setSeen(applied)
    if ((applied ?? '') !== value.trim()) setValue(applied ?? '')
  }
  return (
    <Input.Search
      allowClear
      value={value}
      onChange={(event) => {
        setValue(event.target.value)
        if (!event.target.value) onApply(undefined)
      }}
      onSearch={(typed) => onApply(typed.trim() || undefined)}
      placeholder={label}
      aria-label={label}
      maxLength={maxLength}
      style={{ width }}
      data-testid={testId}
    />
  )
}
