import type { loanRules } from '@shuqiao/contracts'
import { ProblemError } from '../../http/problem.ts'
import type { ReaderRules } from './loan-rules.ts'

type LoanRule = loanRules.LoanRule

const MATERIAL_NAMES: Record<string, { zh: string; en: string }> = {
  book: { zh: '图书', en: 'books' },
  ebook: { zh: '电子书', en: 'e-books' },
  journal: { zh: '期刊', en: 'journals' },
  thesis: { zh: '学位论文', en: 'theses' },
  audiovisual: { zh: '音像资料', en: 'audiovisual items' },
  other: { zh: '其他资料', en: 'other items' },
}

const STATUS_NAMES: Record<string, { zh: string; en: string }> = {
  on_loan: { zh: '已借出', en: 'on loan' },
  quarantined: { zh: '隔离中', en: 'in quarantine' },
  on_hold: { zh: '预约保留中', en: 'on hold' },
  in_transit: { zh: '在途', en: 'in transit' },
  processing: { zh: '加工中', en: 'being processed' },
  missing: { zh: '丢失', en: 'missing' },
  withdrawn: { zh: '已剔除', en: 'withdrawn' },
}

/** Why an item that is not on loan cannot be lent now: its status, named. */
export const notAvailable = (status: string) => {
  const name = STATUS_NAMES[status] ?? { zh: status, en: status }
  return new ProblemError('item_not_available', {
    detail: { zh: `这册书当前不可借（${name.zh}）。`, en: `This item cannot be lent now: it is ${name.en}.` },
    extensions: { itemStatus: status },
  })
}

/**
 * Why a reader may not borrow one more item of a material type, or undefined when they may:
 * no rule for them, their overall limit reached, or the limit of a material type with a rule
 * of its own. `onLoan` counts their open loans in the library by material type.
 */
export const checkOutRefusal = (
  rules: ReaderRules,
  onLoan: ReadonlyMap<string, number>,
  materialType: string,
): ProblemError | undefined => {
  if (!rules.general) return new ProblemError('no_loan_rule')
  const total = [...onLoan.values()].reduce((sum, count) => sum + count, 0)
  if (total >= rules.general.itemLimit) {
    return new ProblemError('loan_limit_reached', {
      detail: {
        zh: `读者已借 ${total} 册，已达上限 ${rules.general.itemLimit} 册，请先归还再借。`,
        en: `The reader has ${total} items on loan, the most they may have (${rules.general.itemLimit}). They return one first.`,
      },
      extensions: { onLoan: total, itemLimit: rules.general.itemLimit },
    })
  }
  const own = rules.ownLimits.find((rule) => rule.materialType === materialType)
  const ofType = onLoan.get(materialType) ?? 0
  if (own && ofType >= own.itemLimit) {
    const name = MATERIAL_NAMES[materialType] ?? { zh: materialType, en: materialType }
    return new ProblemError('loan_limit_reached', {
      detail: {
        zh: `读者已借${name.zh} ${ofType} 册，${name.zh}上限为 ${own.itemLimit} 册。`,
        en: `The reader has ${ofType} ${name.en} on loan, the most they may have (${own.itemLimit}).`,
      },
      extensions: { onLoan: ofType, itemLimit: own.itemLimit, materialType },
    })
  }
  return undefined
}

/** Why a loan may not be renewed now, or undefined when it may. */
export const renewalRefusal = (
  rule: LoanRule | undefined,
  loan: { renewals: number; due_at: Date },
  now: Date,
): ProblemError | undefined => {
  if (!rule) return new ProblemError('no_loan_rule')
  if (loan.renewals >= rule.renewalLimit) {
    return new ProblemError('renewal_limit_reached', {
      detail:
        rule.renewalLimit === 0
          ? { zh: '这类资料不能续借。', en: 'Items of this kind cannot be renewed.' }
          : {
              zh: `已续借 ${loan.renewals} 次，最多可续借 ${rule.renewalLimit} 次，不能再续借。`,
              en: `Renewed ${loan.renewals} times already; ${rule.renewalLimit} is the most allowed.`,
            },
      extensions: { renewals: loan.renewals, renewalLimit: rule.renewalLimit },
    })
  }
  if (!rule.renewOverdue && loan.due_at.getTime() < now.getTime()) {
    return new ProblemError('overdue_not_renewable')
  }
  return undefined
}
