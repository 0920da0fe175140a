import { nameText, PasswordSchema, ReaderNumberSchema } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { hashPassword } from '../session/passwords.ts'
import { readerNumberTaken } from './accounts.repository.ts'

/**
 * Creates a consortium administrator from the command line, the way a new deployment gets
 * its first account. A database without a consortium gets one to hold it.
 */
export const createConsortiumAdmin = async (
  db: Kysely<DB>,
  input: { readerNumber: string; name: string; password: string },
) => {
  const readerNumber = ReaderNumberSchema.parse(input.readerNumber)
  const name = nameText(60).parse(input.name)
  const password = PasswordSchema.parse(input.password)
  const passwordHash = await hashPassword(password)
  return db.transaction().execute(async (trx) => {
    let consortium = await trx.selectFrom('consortia').select('id').orderBy('created_at').executeTakeFirst()
    if (!consortium) {
      consortium = { id: uuidv7() }
      await trx
        .insertInto('consortia')
        .values({
          id: consortium.id,
          code: 'consortium',
          name_zh: '图书馆联盟',
          name_en: 'Library Consortium',
        })
        .execute()
    }
    if (await readerNumberTaken(trx, consortium.id, null, readerNumber)) {
      throw new Error(`An account ${readerNumber} already exists at consortium level`)
    }
    const id = uuidv7()
    await trx
      .insertInto('accounts')
      .values({
        id,
        consortium_id: consortium.id,
        library_id: null,
        reader_number: readerNumber,
        name,
        type: 'staff',
        department_id: null,
        email: null,
        phone: null,
        password_hash: passwordHash,
      })
      .execute()
    await trx.insertInto('account_roles').values({ account_id: id, role: 'consortium_admin' }).execute()
    return id
  })
}
