import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  server: {
    // Keep the browser's Host so the server's same-origin check (Origin vs Host) accepts writes.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    rollupOptions: {
      output: {
        // React changes least often; a chunk of its own stays cached across releases.
        manualChunks: (id) =>
          /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)
            ? 'react'
            : undefined,
      },
    },
    chunkSizeWarningLimit: 900,
  },
})
