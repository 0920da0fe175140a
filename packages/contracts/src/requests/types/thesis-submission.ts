import { defineRequestType } from '../request-type.ts'

/** 学位论文提交 (S5): a graduate's thesis and signed authorisation, reviewed before leaving. */
export const thesisSubmission = defineRequestType({
  code: 'thesis_submission',
  prefix: 'TH',
  name: { zh: '学位论文提交', en: 'Thesis submission' },
  description: {
    zh: '提交学位论文电子版与签字的授权书；审核通过后可凭确认单办理离校手续。',
    en: 'Submit your thesis and signed authorisation; once approved, the confirmation counts for leaving procedures.',
  },
  fields: [
    {
      name: 'degree',
      kind: 'select',
      required: true,
      label: { zh: '学位', en: 'Degree' },
      options: [
        { value: 'bachelor', label: { zh: '学士', en: 'Bachelor' } },
        { value: 'master', label: { zh: '硕士', en: 'Master' } },
        { value: 'doctor', label: { zh: '博士', en: 'Doctor' } },
      ],
    },
    { name: 'title', kind: 'text', max: 300, required: true, label: { zh: '论文题目', en: 'Thesis title' } },
    { name: 'supervisor', kind: 'text', max: 100, required: true, label: { zh: '导师', en: 'Supervisor' } },
  ],
  statuses: {
    submitted: { label: { zh: '已提交', en: 'Submitted' } },
    reviewing: { label: { zh: '审核中', en: 'Under review' } },
    needs_revision: { label: { zh: '退回修改', en: 'Returned for revision' } },
    approved: { label: { zh: '审核通过', en: 'Approved' }, final: true },
    cancelled: { label: { zh: '已撤销', en: 'Cancelled' }, final: true },
  },
  initial: 'submitted',
  transitions: [
    {
      action: 'review',
      from: ['submitted'],
      to: 'reviewing',
      by: 'staff',
      label: { zh: '开始审核', en: 'Start review' },
    },
    {
      action: 'return',
      from: ['submitted', 'reviewing'],
      to: 'needs_revision',
      by: 'staff',
      needsReason: true,
      label: { zh: '退回修改', en: 'Return for revision' },
    },
    {
      action: 'resubmit',
      from: ['needs_revision'],
      to: 'submitted',
      by: 'reader',
      label: { zh: '修改后重新提交', en: 'Resubmit' },
      correctsForm: true,
    },
    {
      action: 'approve',
      from: ['submitted', 'reviewing'],
      to: 'approved',
      by: 'staff',
      label: { zh: '审核通过', en: 'Approve' },
    },
    {
      action: 'cancel',
      from: ['submitted', 'needs_revision'],
      to: 'cancelled',
      by: 'reader',
      label: { zh: '撤销提交', en: 'Withdraw' },
    },
  ],
  targetWorkingDays: 10,
  assignment: 'team',
  attachments: { allowed: true, maxFiles: 3 },
  feeFen: 0,
  confirmation: {
    status: 'approved',
    name: { zh: '学位论文提交确认单', en: 'Thesis submission confirmation' },
    fields: ['degree', 'title', 'supervisor'],
  },
})
