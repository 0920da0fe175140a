import { Button, type ButtonProps } from 'antd'
import type { MouseEvent } from 'react'
import { useNavigate } from 'react-router'

/** An antd Button that is a real link (`<a href>`) but navigates inside the app without reloading. */
export const LinkButton = ({ to, onClick, ...props }: Omit<ButtonProps, 'href'> & { to: string }) => {
  const navigate = useNavigate()
  return (
    <Button
      {...props}
      href={to}
      onClick={(event: MouseEvent<HTMLElement>) => {
        onClick?.(event)
        if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0)
          return
        event.preventDefault()
        void navigate(to)
      }}
    />
  )
}
