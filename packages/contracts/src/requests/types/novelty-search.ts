import { defineRequestType } from '../request-type.ts'

/** 科技查新 (S3): a search that tells whether a project's innovation points are new. */
export const noveltySearch = defineRequestType({
  code: 'novelty_search',
  prefix: 'NS',
  name: { zh: '科技查新', en: 'Novelty search' },
  description: {
    zh: '为课题立项、成果鉴定、报奖等出具查新报告。',
    en: 'A novelty report for project proposals, appraisals and award applications.',
  },
  fields: [
    { name: 'projectTitle', kind: 'text', max: 300, required: true, label: { zh: '项目名称', en: 'Project title' } },
    { name: 'keywords', kind: 'text', max: 300, required: true, label: { zh: '关键词', en: 'Keywords' }, help: { zh: '中英文关键词，用分号隔开', en: 'Chinese and English keywords, separated by semicolons' } },
    { name: 'innovationPoints', kind: 'textarea', max: 4000, required: true, label: { zh: '查新点', en: 'Innovation points' } },
    {
      name: 'purpose',
      kind: 'select',
      required: true,
      label: { zh: '查新目的', en: 'Purpose' },
      options: [
        { value: 'proposal', label: { zh: '立项', en: 'Project proposal' } },
        { value: 'appraisal', label: { zh: '成果鉴定', en: 'Appraisal' } },
        { value: 'award', label: { zh: '报奖', en: 'Award application' } },
        { value: 'patent', label: { zh: '专利申请', en: 'Patent application' } },
      ],
    },
    { name: 'deadline', kind: 'date', required: true, label: { zh: '报告需要日期', en: 'Report needed by' } },
  ],
  statuses: {
    submitted: { label: { zh: '已提交', en: 'Submitted' } },
    accepted: { label: { zh: '已受理', en: 'Accepted' } },
    needs_info: { label: { zh: '需补充材料', en: 'More information needed' } },
    searching: { label: { zh: '检索中', en: 'Searching' } },
    report_issued: { label: { zh: '已出具报告', en: 'Report issued' }, final: true },
    rejected: { label: { zh: '不予受理', en: 'Rejected' }, final: true },
    cancelled: { label: { zh: '已撤销', en: 'Cancelled' }, final: true },
  },
  initial: 'submitted',
  transitions: [
    { action: 'accept', from: ['submitted'], to: 'accepted', by: 'staff', label: { zh: '受理', en: 'Accept' } },
    { action: 'ask', from: ['submitted', 'accepted', 'searching'], to: 'needs_info', by: 'staff', needsReason: true, label: { zh: '请读者补充', en: 'Ask for more' } },
    { action: 'resubmit', from: ['needs_info'], to: 'submitted', by: 'reader', label: { zh: '已补充，重新提交', en: 'Resubmit' } },
    { action: 'search', from: ['accepted'], to: 'searching', by: 'staff', label: { zh: '开始检索', en: 'Start searching' } },
    { action: 'issue', from: ['searching'], to: 'report_issued', by: 'staff', needsFile: true, label: { zh: '出具报告', en: 'Issue the report' } },
    { action: 'reject', from: ['submitted', 'needs_info'], to: 'rejected', by: 'staff', needsReason: true, label: { zh: '不予受理', en: 'Reject' } },
    { action: 'cancel', from: ['submitted', 'needs_info'], to: 'cancelled', by: 'reader', label: { zh: '撤销申请', en: 'Cancel' } },
  ],
  targetWorkingDays: 10,
  assignment: 'subject_librarian',
  attachments: { allowed: true, maxFiles: 10 },
  feeFen: 80000,
})
