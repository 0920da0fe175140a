#!/usr/bin/env node
// `npm run shuqiao -- <command>` from the repository root.
await import('../packages/server/bin/shuqiao.mjs')
