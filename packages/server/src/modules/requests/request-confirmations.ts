import { randomBytes } from 'node:crypto'
import { type RequestType, type requests, requestTypeOf } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.ts'
import { ProblemError } from '../../http/problem.ts'

// Crockford's base32 without I, L, O, U: nothing to misread when a clerk types it from paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A 50-bit code written XXXX-XXXX-XX; guessing one is hopeless, and reading it aloud is easy. */
export const newConfirmationCode = () => {
  const chars = [...randomBytes(10)].map((byte) => ALPHABET[byte % 32]).join('')
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`
}

/** Normalises what someone typed: case, spaces, and the letters people write for digits. */
const canonical = (typed: string) => {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
  return plain.length === 10 ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}` : null
}

/** Issues the type's confirmation when a transition reaches its status; once per request. */
export const issueConfirmationIfDue = async (
  trx: Kysely<DB>,
  type: RequestType,
  request: { id: string; libraryId: string },
  status: string,
  now: Date,
) => {
  if (type.confirmation?.status !== status) return
  await trx
    .insertInto('request_confirmations')
    .values({
      request_id: request.id,
      library_id: request.libraryId,
      code: newConfirmationCode(),
      issued_at: now,
    })
    .onConflict((oc) => oc.column('request_id').doNothing())
    .execute()
}

export const confirmationOf = async (db: Kysely<DB>, requestId: string) => {
  const row = await db
    .selectFrom('request_confirmations')
    .select(['code', 'issued_at'])
    .where('request_id', '=', requestId)
    .executeTakeFirst()
  return row ? { code: row.code, issuedAt: row.issued_at.toISOString() } : null
}

/** 李明 → 李*, 欧阳娜娜 → 欧**娜: enough for a clerk to match the person in front of them. */
const maskName = (name: string) => {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`
}

/** 2020123456 → 2020****56. */
const maskNumber = (number: string) =>
  number.length <= 4 ? number : `${number.slice(0, 4)}${'*'.repeat(number.length - 6)}${number.slice(-2)}`

/** What a code proves, for anyone who holds it; no account needed. Unknown codes are 404. */
export const verifyConfirmation = async (
  db: Kysely<DB>,
  typed: string,
): Promise<z.infer<typeof requests.VerifiedConfirmation>> => {
  const code = canonical(typed)
  if (!code) throw new ProblemError('not_found')
  const row = await db
    .selectFrom('request_confirmations as c')
    .innerJoin('requests as r', 'r.id', 'c.request_id')
    .innerJoin('accounts as a', 'a.id', 'r.reader_id')
    .innerJoin('libraries as l', 'l.id', 'r.library_id')
    .select([
      'c.code',
      'c.issued_at',
      'r.number',
      'r.type',
      'r.form',
      'a.name as reader_name',
      'a.reader_number',
      'l.name_zh',
      'l.name_en',
    ])
    .where('c.code', '=', code)
    .executeTakeFirst()
  const type = row ? requestTypeOf(row.type) : undefined
  if (!row || !type?.confirmation) throw new ProblemError('not_found')
  const form = row.form as Record<string, unknown>
  const values = type.confirmation.fields.flatMap((name) => {
    const field = type.fields.find((candidate) => candidate.name === name)
    const raw = form[name]
    if (!field || raw === undefined || raw === null) return []
    const option =
      'options' in field ? field.options?.find((candidate) => candidate.value === raw) : undefined
    return [{ label: field.label, value: option ? option.label : { zh: String(raw), en: String(raw) } }]
  })
  return {
    valid: true,
    code: row.code,
    name: type.confirmation.name,
    number: row.number,
    type: row.type as z.infer<typeof requests.VerifiedConfirmation>['type'],
    readerName: maskName(row.reader_name),
    readerNumber: maskNumber(row.reader_number),
    library: { nameZh: row.name_zh, nameEn: row.name_en },
    values,
    issuedAt: row.issued_at.toISOString(),
  }
}
