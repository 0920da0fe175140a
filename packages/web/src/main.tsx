import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './app/i18n.ts'
import './app/global.css'
import { Providers } from './app/providers.tsx'
import { AppRouter } from './app/router.tsx'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <Providers>
      <AppRouter />
    </Providers>
  </StrictMode>,
)
