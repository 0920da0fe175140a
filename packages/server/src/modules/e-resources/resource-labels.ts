// What staff call kinds, statuses and routes in the files they export and import.

export const KIND_LABELS: Record<string, { zh: string; en: string }> = {
  database: { zh: '数据库', en: 'Database' },
  ebook_platform: { zh: '电子书平台', en: 'E-book platform' },
  ejournal_package: { zh: '电子期刊', en: 'E-journal package' },
  open_resource: { zh: '开放资源', en: 'Open resource' },
  multimedia: { zh: '多媒体', en: 'Multimedia' },
  tool: { zh: '工具', en: 'Tool' },
  other: { zh: '其他', en: 'Other' },
}
export const STATUS_LABELS: Record<string, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  testing: { zh: '测试中', en: 'Testing' },
  published: { zh: '已发布', en: 'Published' },
  suspended: { zh: '暂停', en: 'Suspended' },
  expired: { zh: '已过期', en: 'Expired' },
}

/** Route names as people write them in a spreadsheet, besides the codes themselves. */
export const ROUTE_WORDS: Record<string, string> = {
  carsi: 'carsi',
  shibboleth: 'carsi',
  联邦认证: 'carsi',
  proxy: 'proxy',
  ezproxy: 'proxy',
  代理: 'proxy',
  webvpn: 'webvpn',
  openathens: 'openathens',
  vpn: 'vpn',
  roaming: 'roaming',
  漫游: 'roaming',
  漫游账号: 'roaming',
  open: 'open',
  开放: 'open',
  开放获取: 'open',
}
