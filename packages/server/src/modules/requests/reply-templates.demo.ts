import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'

interface DemoTemplate {
  personal?: 'librarian'
  type: string | null
  action: string | null
  titleZh: string
  titleEn: string
  bodyZh: string
  bodyEn: string
}

/** Replies a library's staff write again and again, as the demo libraries keep them. */
const DEMO_TEMPLATES: DemoTemplate[] = [
  {
    type: null,
    action: 'accept',
    titleZh: '已受理',
    titleEn: 'Accepted',
    bodyZh: '{读者姓名}您好，您的{类型}申请（{编号}）已受理，预计 {目标日期} 前办结。如有补充请在此留言。',
    bodyEn:
      'Dear {reader_name}, your {type} request ({number}) has been accepted and should be completed by {due_date}. Reply here if you have anything to add.',
  },
  {
    type: 'document_delivery',
    action: 'decline',
    titleZh: '无法获取全文',
    titleEn: 'Full text not obtainable',
    bodyZh:
      '很抱歉，我们已通过 CALIS、NSTL、CASHL 等渠道查找，均无法获取该文献的全文。您可以尝试直接联系作者索取。',
    bodyEn:
      'We are sorry: we searched CALIS, NSTL, CASHL and other suppliers and could not obtain the full text. You may ask the author for a copy.',
  },
  {
    type: 'thesis_submission',
    action: 'return',
    titleZh: '缺少签名授权书',
    titleEn: 'Signed authorisation missing',
    bodyZh: '您提交的论文PDF未包含签名授权书，请补充后重新提交。',
    bodyEn:
      'The thesis PDF you submitted does not include the signed authorisation form. Please add it and resubmit.',
  },
  {
    type: 'novelty_search',
    action: 'ask',
    titleZh: '请补充创新点',
    titleEn: 'Innovation points needed',
    bodyZh:
      '{读者姓名}您好，为准确检索，请逐条补充项目的创新点（每条一句，写明技术特征），并确认查新范围（国内或国内外）。补充后请点“已补充，重新提交”。',
    bodyEn:
      'Dear {reader_name}, to search precisely we need the innovation points of your project, one sentence each with its technical features, and the scope (China or worldwide). Then choose “Resubmit”.',
  },
  {
    type: null,
    action: null,
    titleZh: '闭馆期间电子送达说明',
    titleEn: 'Delivery while the library is closed',
    bodyZh: '闭馆期间所有结果均以电子版送达，请在“我的申请”中查看和下载，无需到馆。',
    bodyEn:
      'While the library is closed every result is delivered electronically: open “My requests” to download it. No need to come in.',
  },
  {
    personal: 'librarian',
    type: null,
    action: null,
    titleZh: '我的署名',
    titleEn: 'My signature',
    bodyZh: '如有问题请直接回复此留言，我会尽快处理。—— {图书馆} {馆员姓名}',
    bodyEn:
      'Reply to this message with any question and I will get back to you soon. — {staff_name}, {library}',
  },
]

/** A few library-wide reply templates per demo library, and one of the librarian's own. */
export const seedDemoReplyTemplates = async (
  trx: Kysely<DB>,
  libraries: { id: string; accounts: Record<string, string> }[],
) => {
  for (const library of libraries) {
    const admin = library.accounts.library_admin!
    await trx
      .insertInto('reply_templates')
      .values(
        DEMO_TEMPLATES.map((template) => {
          const owner = template.personal ? library.accounts[template.personal]! : null
          return {
            id: uuidv7(),
            library_id: library.id,
            owner_id: owner,
            type: template.type,
            action: template.action,
            title_zh: template.titleZh,
            title_en: template.titleEn,
            body_zh: template.bodyZh,
            body_en: template.bodyEn,
            created_by: owner ?? admin,
            updated_by: owner ?? admin,
          }
        }),
      )
      .execute()
  }
}
