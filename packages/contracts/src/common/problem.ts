import { z } from 'zod'

export const FieldProblem = z.object({ path: z.string(), code: z.string(), message: z.string() })
export type FieldProblem = z.infer<typeof FieldProblem>

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(FieldProblem).optional(),
})
export type Problem = z.infer<typeof ProblemSchema>

/**
 * Every stable problem code with its message in each interface language.
 * Clients switch on `code`; people read `detail`.
 */
export const PROBLEMS = {
  validation_failed: {
    status: 400,
    zh: '提交的内容有误，请检查标出的字段。',
    en: 'Some fields are not valid.',
  },
  bad_request: { status: 400, zh: '请求格式不正确。', en: 'The request is not well formed.' },
  malformed_json: { status: 400, zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  unauthenticated: { status: 401, zh: '请先登录。', en: 'Please sign in first.' },
  invalid_credentials: {
    status: 401,
    zh: '学工号或密码不正确。',
    en: 'Reader number or password is incorrect.',
  },
  wrong_password: { status: 400, zh: '当前密码不正确。', en: 'The current password is incorrect.' },
  account_disabled: {
    status: 403,
    zh: '该账号已停用，请联系图书馆。',
    en: 'This account is disabled. Please contact the library.',
  },
  forbidden: { status: 403, zh: '您没有权限执行此操作。', en: 'You are not allowed to do this.' },
  origin_mismatch: {
    status: 403,
    zh: '请求来源不可信，已拒绝。',
    en: 'The request came from an untrusted origin.',
  },
  course_not_yours: {
    status: 403,
    zh: '您没有选修或讲授这门课程，不能查看它。',
    en: 'You are neither enrolled in nor teaching this course, so you cannot open it.',
  },
  course_not_taught: {
    status: 403,
    zh: '只有这门课程的任课教师和图书馆员可以查看和修改它的教参需求。',
    en: 'Only the teachers of this course and the library’s staff can see and change the titles it requires.',
  },
  not_found: { status: 404, zh: '找不到所请求的内容。', en: 'The requested item was not found.' },
  route_not_found: { status: 404, zh: '没有这个接口。', en: 'There is no such API route.' },
  reader_number_taken: {
    status: 409,
    zh: '该学工号在本馆已存在。',
    en: 'This reader number is already in use at this library.',
  },
  term_code_taken: {
    status: 409,
    zh: '本馆已有这个学期代码。',
    en: 'This library already has a term with this code.',
  },
  platform_name_taken: {
    status: 409,
    zh: '本馆已有同名的电子资源平台。',
    en: 'This library already has a platform of this name.',
  },
  library_code_taken: { status: 409, zh: '馆代码已被使用。', en: 'This library code is already in use.' },
  illegal_transition: {
    status: 409,
    zh: '当前状态下不能执行此操作。',
    en: 'This action is not possible in the current status.',
  },
  last_admin: {
    status: 409,
    zh: '不能移除本馆最后一位管理员。',
    en: 'The last administrator of a library cannot be removed.',
  },
  batch_in_use: {
    status: 409,
    zh: '该批次已有论文送检或出结果，不能删除；可以撤销其中的论文。',
    en: 'Theses of this batch have been submitted or checked, so it cannot be deleted; withdraw them instead.',
  },
  discipline_in_use: {
    status: 409,
    zh: '有资源或学科导航仍归在要删除的学科下，请先改归其他学科。',
    en: 'Resources or guides are still filed under a discipline being removed; file them elsewhere first.',
  },
  import_has_problems: {
    status: 400,
    zh: '文件中有需要修正的问题，未导入任何内容。请先预览，按行号修正后再导入。',
    en: 'The file has problems to fix, so nothing was imported. Preview it, fix the lines named, then import again.',
  },
  reply_templates_full: {
    status: 409,
    zh: '本馆的回复模板已达上限（500 个），请先删除不再使用的模板。',
    en: 'This library has the most reply templates allowed (500). Remove some you no longer use first.',
  },
  reference_desk_offline: {
    status: 409,
    zh: '这个咨询主题现在没有馆员值班，请稍后再来。',
    en: 'No librarian is on duty for this topic right now. Please come back later.',
  },
  guests_not_allowed: {
    status: 403,
    zh: '该咨询台不接受访客咨询，请登录后再咨询。',
    en: 'This desk does not take questions from guests. Please sign in.',
  },
  chat_already_open: {
    status: 409,
    zh: '您在另一个咨询主题还有未结束的咨询，请先结束它。',
    en: 'You have an open chat in another topic. End it first.',
  },
  not_on_duty: {
    status: 409,
    zh: '请先在这个咨询队列上岗。',
    en: 'Go on duty for this queue first.',
  },
  chat_limit_reached: {
    status: 409,
    zh: '您同时接待的咨询已达上限，请先结束或转交一个。',
    en: 'You have as many chats as your limit allows. End or transfer one first.',
  },
  already_claimed: {
    status: 409,
    zh: '这个咨询已被其他馆员接待。',
    en: 'A colleague has already taken this chat.',
  },
  conversation_closed: {
    status: 409,
    zh: '这个咨询已经结束。',
    en: 'This chat has ended.',
  },
  body_too_large: { status: 413, zh: '提交的内容过大。', en: 'The request body is too large.' },
  unsupported_media_type: {
    status: 415,
    zh: '不支持的内容类型。',
    en: 'This content type is not supported.',
  },
  file_too_large: {
    status: 413,
    zh: '文件过大。',
    en: 'The file is too large.',
  },
  file_type_not_allowed: {
    status: 415,
    zh: '不接受这种类型的文件。',
    en: 'This type of file is not accepted.',
  },
  file_missing: {
    status: 400,
    zh: '请求中没有文件，请以 multipart/form-data 上传一个文件。',
    en: 'No file in the request; upload one file as multipart/form-data.',
  },
  too_many_files: {
    status: 413,
    zh: '一次上传的文件过多，请分几次上传。',
    en: 'Too many files in one upload; send them in several.',
  },
  too_many_uploads: {
    status: 429,
    zh: '上传次数过多，请稍后再试。',
    en: 'Too many uploads. Please try again later.',
  },
  too_many_attempts: {
    status: 429,
    zh: '尝试次数过多，请稍后再试。',
    en: 'Too many attempts. Please try again later.',
  },
  sso_failed: {
    status: 400,
    zh: '统一身份认证登录失败，请重试。',
    en: 'Campus sign-in failed. Please try again.',
  },
  sso_not_configured: {
    status: 404,
    zh: '本馆未开通统一身份认证。',
    en: 'Campus sign-in is not set up for this library.',
  },
  import_unreadable: {
    status: 422,
    zh: '无法读取这个文件。请上传 CSV（UTF-8 或 GBK 编码，逗号或制表符分隔）或 Excel（.xlsx）文件。',
    en: 'This file cannot be read. Upload a CSV (UTF-8 or GBK, comma- or tab-separated) or an Excel (.xlsx) file.',
  },
  import_has_errors: {
    status: 422,
    zh: '文件里有错误，没有导入任何内容。请按行号改正后再导入。',
    en: 'The file has errors, so nothing was imported. Fix the lines named and import it again.',
  },
  import_missing_columns: {
    status: 422,
    zh: '文件缺少必需的列。',
    en: 'The file lacks required columns.',
  },
  import_too_many_rows: {
    status: 413,
    zh: '一次导入的行数过多，请拆分为多个文件。',
    en: 'Too many rows for one import; split the file into several.',
  },
  import_not_previewed: {
    status: 409,
    zh: '这次导入已经应用或已放弃，不能再应用。',
    en: 'This import has already been applied or discarded.',
  },
  unknown_barcode: {
    status: 404,
    zh: '本馆没有这个条码的馆藏，请核对条码。',
    en: 'No item of this library has this barcode. Check the barcode.',
  },
  unknown_reader: {
    status: 404,
    zh: '本馆没有这个读者证号，请核对读者证号。',
    en: 'No reader of this library has this reader number. Check the number.',
  },
  item_of_another_library: {
    status: 409,
    zh: '这册书属于另一所图书馆，请在该馆办理。',
    en: 'This item belongs to another library; it is lent and returned there.',
  },
  reader_of_another_library: {
    status: 409,
    zh: '这位读者属于另一所图书馆，请在该馆办理。',
    en: 'This reader belongs to another library; they borrow there.',
  },
  item_not_available: { status: 409, zh: '这册书当前不可借。', en: 'This item cannot be lent now.' },
  item_in_quarantine: {
    status: 409,
    zh: '这册书归还后正在隔离，隔离结束前不能借出。',
    en: 'This item is in quarantine after its return and cannot be lent until it ends.',
  },
  not_in_quarantine: { status: 409, zh: '这册书不在隔离中。', en: 'This item is not in quarantine.' },
  item_already_requested: {
    status: 409,
    zh: '这册书已被预约，正在为读者准备。',
    en: 'This item has already been requested and is being prepared for a reader.',
  },
  line_already_marked: {
    status: 409,
    zh: '这一项已经处理过（已找到或未找到）。',
    en: 'This item has already been marked found or not found.',
  },
  slot_full: {
    status: 409,
    zh: '这个时段已约满，请选择其他时段。',
    en: 'This slot is fully booked; choose another.',
  },
  slot_past: {
    status: 409,
    zh: '这个时段已过或即将开始，来不及备书，请选择其他时段。',
    en: 'This slot has passed or starts too soon for the items to be staged; choose another.',
  },
  slot_closed: {
    status: 409,
    zh: '这个时段不开放取书，请选择其他时段。',
    en: 'The pickup point is not open for this slot; choose another.',
  },
  pickup_point_inactive: { status: 409, zh: '这个取书点已停用。', en: 'This pickup point is not in use.' },
  pickup_paused: {
    status: 409,
    zh: '本馆当前的服务阶段暂停预约取书，请留意本馆通知。',
    en: 'Pickup by appointment is paused in the library’s current phase; watch for the library’s notices.',
  },
  no_items_waiting: {
    status: 409,
    zh: '您在这个取书点没有待取的图书，无需预约取书时段。',
    en: 'You have no items waiting at this pickup point, so there is nothing to book.',
  },
  hold_expired: {
    status: 409,
    zh: '图书的保留期已过，不能再预约取书时段，请重新预约借书。',
    en: 'The hold on your items has expired, so a pickup can no longer be booked. Request them again.',
  },
  already_booked: {
    status: 409,
    zh: '您已预约了一个取书时段；如需更改，请改约或取消原预约。',
    en: 'You already have a pickup booked; move or cancel it instead.',
  },
  booking_not_active: {
    status: 409,
    zh: '这个取书预约已经结束（已取书、未到或已取消）。',
    en: 'This pickup booking has ended (handed over, no-show or cancelled).',
  },
  slot_not_started: {
    status: 409,
    zh: '取书时段还没开始，不能记为未到。',
    en: 'The slot has not started yet, so the reader cannot be marked absent.',
  },
  unknown_pickup_code: {
    status: 404,
    zh: '没有这个取书码的有效预约，请核对取书码。',
    en: 'No booked pickup has this code. Check the code.',
  },
  item_on_loan: {
    status: 409,
    zh: '这册书已经借出，请先办理归还。',
    en: 'This item is already on loan; check it in first.',
  },
  not_on_loan: { status: 409, zh: '这册书没有借出，无需归还。', en: 'This item is not on loan.' },
  loan_returned: { status: 409, zh: '这笔借阅已经归还。', en: 'This loan has already been returned.' },
  loan_limit_reached: {
    status: 409,
    zh: '读者的在借数量已达上限。',
    en: 'The reader already has as many items as they may borrow.',
  },
  renewal_limit_reached: {
    status: 409,
    zh: '已达续借次数上限，不能再续借。',
    en: 'This loan has been renewed as often as allowed.',
  },
  overdue_not_renewable: {
    status: 409,
    zh: '已超期的借阅不能续借，请尽快归还。',
    en: 'An overdue loan cannot be renewed; please return it.',
  },
  no_loan_rule: {
    status: 409,
    zh: '本馆没有适用于这位读者的借阅规则，请管理员先设置借阅规则。',
    en: 'This library has no loan rule for this reader; an administrator sets the loan rules first.',
  },
  reader_disabled: {
    status: 409,
    zh: '该读者账号已停用，不能借书。',
    en: 'This reader’s account is disabled, so they cannot borrow.',
  },
  import_out_of_date: {
    status: 409,
    zh: '预览之后馆藏或借阅已有变化，没有导入任何内容。请重新上传文件预览。',
    en: 'Items or loans changed since the preview, so nothing was imported. Upload the file again to preview it.',
  },
  course_item_not_allowed: {
    status: 403,
    zh: '只有选修或讲授这门课程的读者和图书馆员可以打开这份教参。',
    en: 'Only the readers enrolled in this course, its teachers and the library’s staff can open this reserve item.',
  },
  item_seats_full: {
    status: 409,
    zh: '这份教参同时在线阅读的人数已满，请稍后再试。',
    en: 'As many readers as this item allows have it open now. Please try again later.',
  },
  reserve_item_pending: {
    status: 409,
    zh: '这份教参还在图书馆审核中，审核通过后才能打开。',
    en: 'The library is still reviewing this item; it opens once approved.',
  },
  not_a_pdf: {
    status: 400,
    zh: '文件内容不是 PDF，请上传 PDF 文件。',
    en: 'The file’s content is not a PDF. Upload a PDF.',
  },
  internal_error: {
    status: 500,
    zh: '服务器出错了，请稍后再试。',
    en: 'Something went wrong on our side. Please try again later.',
  },
  not_ready: { status: 503, zh: '服务暂不可用。', en: 'The service is not ready.' },
  try_again: {
    status: 503,
    zh: '这次办理与同一时刻的另一项操作冲突，没有生效，请再试一次。',
    en: 'This clashed with another change made at the same moment and did not take effect. Please try again.',
  },
  phase_changed: {
    status: 409,
    zh: '本馆的服务阶段刚被他人切换，请刷新后确认再切换。',
    en: 'Someone else has just switched the library’s phase; refresh and check before switching.',
  },
  phases_changed: {
    status: 409,
    zh: '服务阶段已被他人修改，请刷新后再保存。',
    en: 'Someone else has changed the phases; refresh and save again.',
  },
  phase_is_current: {
    status: 409,
    zh: '不能删除当前所处的阶段，请先切换到其他阶段。',
    en: 'The current phase cannot be removed; switch to another phase first.',
  },
  already_in_phase: { status: 409, zh: '本馆已处于这个阶段。', en: 'The library is already in this phase.' },
  switch_not_latest: {
    status: 409,
    zh: '只能撤销最近一次切换，且尚未撤销。',
    en: 'Only the latest switch, not yet undone, can be undone.',
  },
  conversation_not_closed: {
    status: 409,
    zh: '咨询结束后才能评价。',
    en: 'A chat can be rated once it has ended.',
  },
  rating_final: {
    status: 409,
    zh: '评价提交已超过 30 分钟，不能再修改。',
    en: 'This rating was given more than 30 minutes ago and can no longer be changed.',
  },
  shift_overlaps: {
    status: 409,
    zh: '这位馆员在这个队列已有与之重叠的班次。',
    en: 'This librarian already has an overlapping shift in this queue.',
  },
  ticket_closed: {
    status: 409,
    zh: '这个咨询已经关闭，不能再回复；如有新问题，请重新提问。',
    en: 'This question is closed and takes no more replies; ask again with anything new.',
  },
  transcript_no_address: {
    status: 409,
    zh: '这位咨询者没有可发送咨询记录的账号，请下载文本记录。',
    en: 'This person has no account to send the transcript to; download it as text instead.',
  },
  invalid_title_transition: {
    status: 409,
    zh: '教参当前的状态不能改为所选状态。',
    en: 'The title cannot move from its current status to the one chosen.',
  },
  unknown_publisher: { status: 404, zh: '本馆没有这家出版社。', en: 'This library has no such publisher.' },
  publisher_name_taken: {
    status: 409,
    zh: '本馆已有同名的出版社。',
    en: 'This library already has a publisher of this name.',
  },
  unknown_assignee: {
    status: 400,
    zh: '只能分配给本馆的馆员。',
    en: 'Titles can only be assigned to the library’s staff.',
  },
  unknown_titles: {
    status: 400,
    zh: '所选教参中有不属于本馆的。',
    en: 'Some of the titles chosen are not the library’s.',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>

export type ProblemCode = keyof typeof PROBLEMS

/** Field-level messages for validation problems, by zod issue code or our own refinement message. */
export const FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'Required' },
  too_small: { zh: '太短或太小', en: 'Too short or too small' },
  too_big: { zh: '太长或太大', en: 'Too long or too large' },
  invalid_format: { zh: '格式不正确', en: 'Invalid format' },
  invalid_type: { zh: '类型不正确', en: 'Invalid type' },
  invalid_value: { zh: '不是允许的取值', en: 'Not an allowed value' },
  unrecognized_keys: { zh: '包含不认识的字段', en: 'Contains unknown fields' },
  unsafe_characters: {
    zh: '包含不允许的字符（如 < > 或控制字符）',
    en: 'Contains characters that are not allowed (such as < > or control characters)',
  },
  invalid: { zh: '无效', en: 'Invalid' },
  invalid_isbn: {
    zh: '不是有效的 ISBN：应为 10 位或 13 位，且校验位正确',
    en: 'Not a valid ISBN: it has 10 or 13 digits and a matching check digit',
  },
  title_or_isbn: { zh: '请填写 ISBN 或书名', en: 'Give an ISBN or a title' },
  invalid_url: {
    zh: '请填写以 http:// 或 https:// 开头的网址',
    en: 'Enter an address starting with http:// or https://',
  },
  ends_before_start: { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  one_target: { zh: '请选择转给一位馆员或一个队列（二选一）', en: 'Choose either a colleague or a queue' },
  duplicate_route: { zh: '同一种访问方式只能添加一次', en: 'Each way in can be added only once' },
  duplicate_discipline: {
    zh: '学科代码重复（不区分大小写）',
    en: 'This discipline code is already on the list (case is ignored)',
  },
  duplicate_discipline_name: { zh: '学科中文名重复', en: 'This Chinese name is already on the list' },
  unknown_discipline: {
    zh: '本馆学科列表里没有这个学科',
    en: 'This discipline is not on the library’s discipline list',
  },
  duplicate_phase_name: { zh: '阶段名称重复', en: 'Two phases have the same name' },
  unknown_phase: { zh: '没有这个阶段', en: 'No such phase' },
  duplicate_rule: {
    zh: '同一读者类型和文献类型只能有一条规则',
    en: 'Only one rule per reader type and material type',
  },
  general_rule_missing: {
    zh: '每种读者类型（学生、教师、职工）都需要一条通用规则',
    en: 'Each reader type (student, teacher, staff) needs a general rule',
  },
  end_before_start: { zh: '结束时间应晚于开始时间', en: 'The end must be later than the start' },
  invalid_rrule: {
    zh: '不是有效的重复规则（RFC 5545 RRULE，如 FREQ=WEEKLY;BYDAY=MO,WE）',
    en: 'Not a valid repeating rule (an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO,WE)',
  },
  one_asker: {
    zh: '请填写读者的学工号或来电人的姓名（二选一）',
    en: 'Give either a reader number or the caller’s name',
  },
  nothing_to_change: { zh: '请选择要修改的状态或处理人', en: 'Choose a status or an assignee to change' },
  reason_required: { zh: '请填写无法提供的原因', en: 'Give the reason it cannot be provided' },
  channel_required: { zh: '请选择提供方式', en: 'Choose how it is provided' },
  link_required: { zh: '请填写读者打开的链接', en: 'Give the link readers open' },
  pages_over_total: { zh: '使用页数不能多于总页数', en: 'The pages used cannot be more than the total' },
}
