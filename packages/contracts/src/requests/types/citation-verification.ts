import { defineRequestType } from '../request-type.ts'

const DATABASES = [
  ['scie', 'SCI-E'],
  ['ssci', 'SSCI'],
  ['ahci', 'A&HCI'],
  ['ei', 'EI Compendex'],
  ['cpci', 'CPCI'],
  ['cssci', 'CSSCI'],
  ['cscd', 'CSCD'],
] as const

/** 查收查引 (S4): which of an author's papers are indexed and cited, with a certificate. */
export const citationVerification = defineRequestType({
  code: 'citation_verification',
  prefix: 'CV',
  name: { zh: '查收查引', en: 'Citation verification' },
  description: {
    zh: '查证论文被 SCI、EI、CSSCI 等收录和引用的情况，出具检索证明，用于职称评审、评奖等。',
    en: 'A certificate of which papers are indexed and cited in SCI, EI, CSSCI and others, for promotion and awards.',
  },
  fields: [
    {
      name: 'authors',
      kind: 'text',
      max: 300,
      required: true,
      label: { zh: '作者（含拼音/英文名）', en: 'Authors (with pinyin / English names)' },
    },
    {
      name: 'papers',
      kind: 'textarea',
      max: 20000,
      required: true,
      label: { zh: '论文清单', en: 'List of papers' },
      help: { zh: '每行一篇：题名、刊名、年卷期', en: 'One per line: title, journal, year, volume, issue' },
    },
    {
      name: 'databases',
      kind: 'multiselect',
      required: true,
      label: { zh: '检索数据库', en: 'Databases' },
      options: DATABASES.map(([value, name]) => ({ value, label: { zh: name, en: name } })),
    },
    {
      name: 'purpose',
      kind: 'select',
      required: true,
      label: { zh: '用途', en: 'Purpose' },
      options: [
        { value: 'promotion', label: { zh: '职称评审', en: 'Promotion' } },
        { value: 'award', label: { zh: '评奖', en: 'Award' } },
        { value: 'graduation', label: { zh: '毕业', en: 'Graduation' } },
        { value: 'other', label: { zh: '其他', en: 'Other' } },
      ],
    },
  ],
  statuses: {
    submitted: { label: { zh: '已提交', en: 'Submitted' } },
    verifying: { label: { zh: '检索中', en: 'Verifying' } },
    certificate_issued: { label: { zh: '已出具证明', en: 'Certificate issued' }, final: true },
    rejected: { label: { zh: '不予受理', en: 'Rejected' }, final: true },
    cancelled: { label: { zh: '已撤销', en: 'Cancelled' }, final: true },
  },
  initial: 'submitted',
  transitions: [
    {
      action: 'verify',
      from: ['submitted'],
      to: 'verifying',
      by: 'staff',
      label: { zh: '开始检索', en: 'Start verifying' },
    },
    {
      action: 'issue',
      from: ['verifying'],
      to: 'certificate_issued',
      by: 'staff',
      needsFile: true,
      label: { zh: '出具证明', en: 'Issue the certificate' },
    },
    {
      action: 'reject',
      from: ['submitted', 'verifying'],
      to: 'rejected',
      by: 'staff',
      needsReason: true,
      label: { zh: '不予受理', en: 'Reject' },
    },
    {
      action: 'cancel',
      from: ['submitted'],
      to: 'cancelled',
      by: 'reader',
      label: { zh: '撤销申请', en: 'Cancel' },
    },
  ],
  targetWorkingDays: 5,
  assignment: 'subject_librarian',
  attachments: { allowed: true, maxFiles: 10 },
  feeFen: 5000,
})
