import { z } from 'zod'

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SHUQIAO_DATA_DIR: z.string().default('./data'),
  /** Public address, e.g. https://shuqiao.lib.example.edu.cn; used for SSO callbacks and the Origin check. */
  PUBLIC_URL: z.url().optional(),
  SESSION_IDLE_DAYS: z.coerce.number().min(0.01).max(90).default(7),
  SESSION_MAX_DAYS: z.coerce.number().min(0.01).max(365).default(30),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  WEB_DIST_DIR: z.string().optional(),
  /** Where uploaded files live; default `<SHUQIAO_DATA_DIR>/files`. Share it between API processes. */
  SHUQIAO_FILES_DIR: z.string().optional(),
  /** 20 MiB. */
  FILE_MAX_BYTES: z.coerce.number().int().min(1).default(20_971_520),
  FILE_UPLOADS_PER_HOUR: z.coerce.number().int().min(1).default(100),
  /** Outgoing mail server, e.g. smtp://user:pass@smtp.example.edu.cn:587; without it e-mails are skipped. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('书桥 Shuqiao <noreply@shuqiao.local>'),
  /** Longest wait between looks at the notice outbox when no wake-up arrives. */
  NOTICE_POLL_SECONDS: z.coerce.number().min(0.05).max(300).default(15),
  /** Whether `serve` also sends notices; any number of processes may. */
  NOTICE_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Browser journeys only: the parent process may move this server's clock over IPC (platform/clock). */
  SHUQIAO_TEST_CLOCK: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Whether this process checks every published resource's links once a day (R5). */
  LINK_CHECK_SCHEDULE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Checks in a row with a broken or soft-404 address before a resource is flagged and its owner told. */
  LINK_CHECK_FLAG_AFTER: z.coerce.number().int().min(1).max(30).default(3),
  /** Addresses checked at once in all, and connections to one host at once. */
  LINK_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  LINK_CHECK_PER_HOST: z.coerce.number().int().min(1).max(50).default(4),
  /** Time for one address, redirects included. */
  LINK_CHECK_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(15),
})

export type Config = z.infer<typeof Env>

/** Reads the environment once at start; a bad value stops the process with a message naming the variable. */
export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}
