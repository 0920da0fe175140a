import { type Algorithm, hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
// Algorithm.Argon2id is a const enum, which isolated modules cannot read.
const ARGON2ID = 2 as Algorithm
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, OPTIONS)

export const verifyPassword = async (passwordHash: string, password: string) => {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verifying against this when the account does not exist makes a wrong reader number take
// as long as a wrong password, so timing does not reveal who has an account.
let dummyHash: Promise<string> | undefined
export const burnVerifyTime = async (password: string) => {
  dummyHash ??= hashPassword('shuqiao-no-such-account')
  await verifyPassword(await dummyHash, password)
}
