import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  server: {
    // Keep the browser's Host so the server's same-origin check (Origin vs Host) accepts writes.
    proxy: {
      // ws: the reference desk's chat socket lives under /api too.
      '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true },
      // Readers' links to resources (/go/<id>) are the server's redirects, not pages of the app.
      '^/go/': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    rollupOptions: {
      output: {
        // Libraries change less often than our pages: in chunks of their own they stay cached
        // on readers' phones across releases. Ant Design stays with the pages that use it, so a
        // reader's phone never downloads the staff console's tables and date pickers.
        manualChunks: (id) => {
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) return 'react'
          if (/[\\/]node_modules[\\/](i18next|react-i18next|@tanstack|zod|isbn3)[\\/]/.test(id)) return 'libs'
          // Every page's texts in both languages: they change with features, not with each page.
          if (/[\\/]src[\\/]locales[\\/].+\.json$/.test(id)) return 'locales'
          return undefined
        },
      },
    },
    chunkSizeWarningLimit: 900,
  },
})
