#!/usr/bin/env node
// Runs the TypeScript sources directly: one less build step for a library's IT office.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
