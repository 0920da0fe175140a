import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'

export const fileRoutes = (_app: FastifyInstance, _ctx: AppContext) => {}
