import { defineNoticeTemplate } from './notice-templates.ts'

// Notices the platform itself sends. Modules declare theirs next to their own code.

defineNoticeTemplate('account.password_reset', {
  label: { zh: '管理员重置了账号密码', en: 'An administrator reset an account’s password' },
  zh: {
    subject: '您在{{library}}的账号密码已被重置',
    body: [
      '{{name}}，您好：',
      '',
      '{{library}}的管理员刚刚为您的账号（学工号 {{readerNumber}}）设置了新密码，您在所有设备上的登录均已退出。请使用图书馆告知的新密码登录，并尽快在“我的账户”中改为只有您知道的密码。',
      '',
      '如果您没有请图书馆重置密码，请立即联系图书馆。',
    ].join('\n'),
  },
  en: {
    subject: 'Your password at {{library}} has been reset',
    body: [
      'Dear {{name}},',
      '',
      'An administrator of {{library}} has just set a new password for your account (reader number {{readerNumber}}) and signed you out on every device. Sign in with the new password the library gave you, then change it under “My account” to one only you know.',
      '',
      'If you did not ask the library to reset your password, please contact the library at once.',
    ].join('\n'),
  },
})
