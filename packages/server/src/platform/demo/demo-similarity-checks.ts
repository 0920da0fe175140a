import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB, ThesisStatusCode } from '../../db/schema.ts'

interface DemoThesis {
  readerNumber: string
  author: string
  title: string
  supervisor: string
  department: number
  major: string
  status: ThesisStatusCode
  similarityBp?: number
  reason?: string
}

// 上海交通大学图书馆 checks the master's theses the graduate school sent, as in May 2020.
const MASTERS: DemoThesis[] = [
  {
    readerNumber: '2020001',
    author: '李明',
    title: '基于深度学习的电网故障诊断方法研究',
    supervisor: '张建国',
    department: 0,
    major: '电气工程',
    status: 'checked',
    similarityBp: 860,
  },
  {
    readerNumber: '118037910002',
    author: '王晓燕',
    title: '面向5G网络的边缘计算资源调度研究',
    supervisor: '刘洪涛',
    department: 0,
    major: '信息与通信工程',
    status: 'checked',
    similarityBp: 2340,
  },
  {
    readerNumber: '118037910003',
    author: '陈浩',
    title: '高速列车转向架构架疲劳寿命预测',
    supervisor: '吴志强',
    department: 1,
    major: '机械工程',
    status: 'submitted',
  },
  {
    readerNumber: '118037910004',
    author: '赵琳',
    title: '新型冠状病毒肺炎隔离病房护理干预效果研究',
    supervisor: '黄丽华',
    department: 2,
    major: '护理学',
    status: 'waiting',
  },
  {
    readerNumber: '118037910005',
    author: '周杰',
    title: '疫情冲击下中小企业融资约束与纾困政策研究',
    supervisor: '沈卫东',
    department: 3,
    major: '金融学',
    status: 'waiting',
  },
  {
    readerNumber: '118037910006',
    author: '孙悦',
    title: '多目标优化在船舶动力系统设计中的应用',
    supervisor: '吴志强',
    department: 1,
    major: '动力工程',
    status: 'returned',
    reason: '提交的 PDF 无法打开，请导出为 PDF 后重新提交给学院研究生秘书。',
  },
]

const DOCTORS: DemoThesis[] = [
  {
    readerNumber: '016037910011',
    author: '郭宁',
    title: '复杂电网暂态稳定的数据驱动评估方法',
    supervisor: '张建国',
    department: 0,
    major: '电气工程',
    status: 'checked',
    similarityBp: 420,
  },
  {
    readerNumber: '016037910012',
    author: '马骁',
    title: '肿瘤微环境中巨噬细胞极化的调控机制',
    supervisor: '黄丽华',
    department: 2,
    major: '肿瘤学',
    status: 'checked',
    similarityBp: 710,
  },
]

const dayIn = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000),
  )

const addBatch = async (
  trx: Kysely<DB>,
  library: { id: string; departmentIds: string[]; accounts: Record<string, string> },
  departments: string[],
  batch: {
    name: string
    degree: 'doctor' | 'master'
    thresholdBp: number
    dueDate: string
    notes: string | null
    theses: DemoThesis[]
  },
) => {
  const batchId = uuidv7()
  const librarian = library.accounts.librarian!
  await trx
    .insertInto('similarity_check_batches')
    .values({
      id: batchId,
      library_id: library.id,
      name: batch.name,
      degree: batch.degree,
      origin: 'received',
      source: '研究生院培养办公室',
      service: 'cnki_tmlc',
      service_note: null,
      threshold_bp: batch.thresholdBp,
      due_date: batch.dueDate,
      notes: batch.notes,
      created_by: librarian,
    })
    .execute()
  for (const thesis of batch.theses) {
    const id = uuidv7()
    const checked = thesis.status === 'checked'
    await trx
      .insertInto('similarity_check_theses')
      .values({
        id,
        library_id: library.id,
        batch_id: batchId,
        reader_number: thesis.readerNumber,
        account_id: thesis.readerNumber === '2020001' ? library.accounts.reader! : null,
        author_name: thesis.author,
        title: thesis.title,
        supervisor: thesis.supervisor,
        department_id: library.departmentIds[thesis.department] ?? null,
        department_name: departments[thesis.department] ?? null,
        major: thesis.major,
        degree: batch.degree,
        status: thesis.status,
        similarity_bp: thesis.similarityBp ?? null,
        reason: thesis.reason ?? null,
        submitted_at: thesis.status === 'waiting' ? null : new Date(),
        checked_at: checked ? new Date() : null,
      })
      .execute()
    const steps: {
      action: string
      from: ThesisStatusCode | null
      to: ThesisStatusCode
      bp?: number
      note?: string
    }[] = [{ action: 'import', from: null, to: 'waiting' }]
    if (thesis.status !== 'waiting') steps.push({ action: 'submit', from: 'waiting', to: 'submitted' })
    if (checked) steps.push({ action: 'record', from: 'submitted', to: 'checked', bp: thesis.similarityBp! })
    if (thesis.status === 'returned')
      steps.push({ action: 'return', from: 'submitted', to: 'returned', note: thesis.reason! })
    await trx
      .insertInto('similarity_check_events')
      .values(
        steps.map((step) => ({
          id: uuidv7(),
          thesis_id: id,
          library_id: library.id,
          actor_id: librarian,
          action: step.action,
          from_status: step.from,
          to_status: step.to,
          attempt: 1,
          similarity_bp: step.bp ?? null,
          note: step.note ?? null,
        })),
      )
      .execute()
  }
}

/** Two batches at the first library: master's theses half way through, doctoral ones done. */
export const seedDemoSimilarityChecks = async (
  trx: Kysely<DB>,
  library: { id: string; departmentIds: string[]; accounts: Record<string, string> },
  departments: string[],
) => {
  await addBatch(trx, library, departments, {
    name: '2020届博士学位论文检测（第一批）',
    degree: 'doctor',
    thresholdBp: 1000,
    dueDate: dayIn(-3),
    notes: null,
    theses: DOCTORS,
  })
  await addBatch(trx, library, departments, {
    name: '2020届硕士学位论文检测（第一批）',
    degree: 'master',
    thresholdBp: 1500,
    dueDate: dayIn(7),
    notes: '研究生院要求答辩前两周返回检测结果；未通过的论文修改后可复检一次。',
    theses: MASTERS,
  })
}
