import { DISCIPLINES, type RouteKind } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { rememberWords } from './e-resources.repository.ts'
import { indexedColumnsOf, vocabularyOf } from './resource-names.ts'

interface DemoResource {
  nameZh: string
  nameEn: string | null
  aliases?: string[]
  vendor: string
  platform?: string
  kind: string
  subjects: string[]
  url: string
  descriptionZh: string
  descriptionEn: string
  routes: {
    kind: RouteKind
    url?: string
    values?: Record<string, string>
    noteZh?: string
    noteEn?: string
  }[]
  /** Days from today: a free period, as publishers offered in spring 2020. */
  free?: [from: number, until: number]
  status?: 'draft' | 'testing' | 'published' | 'expired'
}

const RESOURCES: DemoResource[] = [
  {
    nameZh: '中国知网',
    nameEn: 'CNKI China National Knowledge Infrastructure',
    aliases: ['CNKI', '知网'],
    vendor: '同方知网',
    platform: 'cnki',
    kind: 'database',
    subjects: ['01', '02', '03', '04', '05', '06', '07', '08', '10', '12'],
    url: 'https://www.cnki.net/',
    descriptionZh: '中文期刊、博硕士学位论文、会议论文、报纸和年鉴全文。校外可经 CARSI 登录，无需 VPN。',
    descriptionEn:
      'Chinese journals, theses, conference papers, newspapers and yearbooks. Off campus, sign in through CARSI without the VPN.',
    routes: [{ kind: 'carsi' }, { kind: 'webvpn' }, { kind: 'vpn' }],
  },
  {
    nameZh: '万方数据知识服务平台',
    nameEn: 'Wanfang Data',
    aliases: ['万方'],
    vendor: '万方数据',
    kind: 'database',
    subjects: ['07', '08', '10', '12'],
    url: 'https://www.wanfangdata.com.cn/',
    descriptionZh: '中文期刊、学位论文、会议论文、专利和标准。',
    descriptionEn: 'Chinese journals, theses, conference papers, patents and standards.',
    routes: [
      { kind: 'carsi', url: 'https://fsso.wanfangdata.com.cn/' },
      { kind: 'proxy' },
      {
        kind: 'roaming',
        noteZh: '在校园网内登录万方，进入“个人中心—机构关联”，关联后 90 天内可在校外使用。',
        noteEn:
          'On campus, sign in to Wanfang and link your account to the university under “My account”; it then works off campus for 90 days.',
      },
    ],
  },
  {
    nameZh: 'ScienceDirect 电子期刊',
    nameEn: 'ScienceDirect',
    aliases: ['Elsevier', '爱思唯尔'],
    vendor: 'Elsevier',
    platform: 'elsevier',
    kind: 'ejournal_package',
    subjects: ['07', '08', '09', '10'],
    url: 'https://www.sciencedirect.com/',
    descriptionZh: 'Elsevier 出版的科技与医学期刊和图书全文。',
    descriptionEn: 'Full text of Elsevier’s science, technology and medicine journals and books.',
    routes: [{ kind: 'carsi' }, { kind: 'proxy' }, { kind: 'webvpn' }, { kind: 'vpn' }],
  },
  {
    nameZh: 'Web of Science 核心合集',
    nameEn: 'Web of Science Core Collection',
    aliases: ['WOS', 'SCI'],
    vendor: 'Clarivate',
    platform: 'webofscience',
    kind: 'database',
    subjects: ['07', '08', '10', '14'],
    url: 'https://www.webofscience.com/wos/woscc/basic-search',
    descriptionZh: 'SCI-E、SSCI、A&HCI、CPCI 引文索引，查收查引常用。',
    descriptionEn: 'SCI-E, SSCI, A&HCI and CPCI citation indexes, used for citation reports.',
    routes: [{ kind: 'carsi' }, { kind: 'proxy' }, { kind: 'vpn' }],
  },
  {
    nameZh: 'SpringerLink 电子期刊与图书',
    nameEn: 'SpringerLink',
    aliases: ['Springer', '施普林格'],
    vendor: 'Springer Nature',
    platform: 'springer',
    kind: 'ejournal_package',
    subjects: ['07', '08', '10'],
    url: 'https://link.springer.com/',
    descriptionZh: 'Springer 期刊、图书、丛书和参考工具书。',
    descriptionEn: 'Springer journals, books, series and reference works.',
    routes: [{ kind: 'carsi' }, { kind: 'proxy' }],
  },
  {
    nameZh: 'EBSCOhost 学术资源',
    nameEn: 'EBSCOhost',
    aliases: ['ASP', 'BSP'],
    vendor: 'EBSCO',
    platform: 'ebsco',
    kind: 'database',
    subjects: ['02', '04', '05', '12'],
    url: 'https://search.ebscohost.com/',
    descriptionZh: '综合学科（ASP）与商管（BSP）全文期刊。',
    descriptionEn: 'Academic Search Premier and Business Source Premier full-text journals.',
    routes: [{ kind: 'carsi', values: { customerId: 's1234567' } }, { kind: 'proxy' }],
  },
  {
    nameZh: 'arXiv 预印本',
    nameEn: 'arXiv',
    vendor: 'Cornell University',
    kind: 'open_resource',
    subjects: ['07', '08'],
    url: 'https://arxiv.org/',
    descriptionZh: '物理、数学、计算机等学科的开放获取预印本。',
    descriptionEn: 'Open-access preprints in physics, mathematics, computer science and more.',
    routes: [{ kind: 'open' }],
  },
  {
    nameZh: 'Bloomsbury 文化研究电子书（限时免费）',
    nameEn: 'Bloomsbury Cultural Studies e-books (free for a limited time)',
    vendor: 'Bloomsbury',
    kind: 'ebook_platform',
    subjects: ['05', '13'],
    url: 'https://www.bloomsburycollections.com/',
    descriptionZh: '出版社在闭馆期间开放的电子书，到期后停止访问。',
    descriptionEn: 'E-books the publisher opened while libraries were closed; access ends on the date shown.',
    routes: [{ kind: 'open' }],
    free: [-20, 40],
  },
  {
    nameZh: '剑桥电子教材（试用）',
    nameEn: 'Cambridge Core textbooks (trial)',
    vendor: 'Cambridge University Press',
    kind: 'ebook_platform',
    subjects: ['02', '05', '07'],
    url: 'https://www.cambridge.org/core/what-we-publish/textbooks',
    descriptionZh: '剑桥大学出版社为线上教学开放的教材，试用中，待馆员测试后发布。',
    descriptionEn:
      'Textbooks Cambridge University Press opened for online teaching; on trial until a librarian has tested it.',
    routes: [{ kind: 'open' }],
    free: [0, 30],
    status: 'testing',
  },
  {
    nameZh: 'JoVE 实验视频（试用已结束）',
    nameEn: 'JoVE video journal (trial ended)',
    vendor: 'JoVE',
    kind: 'multimedia',
    subjects: ['07', '10'],
    url: 'https://www.jove.com/',
    descriptionZh: '科学实验视频，疫期限时开放，已到期。',
    descriptionEn: 'Videos of experiments, open for a while during the closure; the period is over.',
    routes: [{ kind: 'open' }],
    free: [-60, -5],
    status: 'expired',
  },
]

const HOSTS: Record<string, string> = { sjtu: 'sjtu', fudan: 'fudan', tongji: 'tongji' }

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/**
 * A directory and off-campus routes for each demo library: its campus network, proxy, WebVPN,
 * CARSI IdP and VPN guide (on example domains), and well-known databases on every route kind.
 */
export const seedDemoEResources = async (
  trx: Kysely<DB>,
  library: { id: string; code: string; ownerId: string | undefined },
  index: number,
) => {
  const name = HOSTS[library.code] ?? library.code
  await trx
    .insertInto('library_access_settings')
    .values({
      library_id: library.id,
      settings: JSON.stringify({
        campusNetworks: [`10.${index + 10}.0.0/16`, `202.120.${index * 16}.0/20`],
        proxyHost: `ezproxy.lib.${name}.example.edu.cn`,
        proxyMode: 'starting_point',
        proxyParameter: 'qurl',
        proxyDashes: false,
        openAthensOrg: null,
        webvpnHost: `webvpn.${name}.example.edu.cn`,
        webvpnKey: 'wrdvpnisthebest!',
        webvpnIv: 'wrdvpnisthebest!',
        vpnGuideUrl: `https://lib.${name}.example.edu.cn/vpn-guide`,
        carsiEntityId: `https://idp.${name}.example.edu.cn/idp/shibboleth`,
        roamingNoteZh: '漫游账号须先在校园网内注册并关联机构，之后可在校外直接登录平台使用。',
        roamingNoteEn:
          'Register a roaming account on campus and link it to the university; it then works off campus.',
      }),
    })
    .execute()
  for (const resource of RESOURCES.filter((_, at) => (at + index) % 7 !== 6 || index === 0)) {
    const id = uuidv7()
    const names = { ...resource, aliases: resource.aliases ?? [] }
    await trx
      .insertInto('e_resources')
      .values({
        id,
        library_id: library.id,
        name_zh: resource.nameZh,
        name_en: resource.nameEn,
        aliases: names.aliases,
        vendor: resource.vendor,
        platform: resource.platform ?? null,
        kind: resource.kind,
        subjects: resource.subjects,
        description_zh: resource.descriptionZh,
        description_en: resource.descriptionEn,
        url: resource.url,
        owner_id: library.ownerId ?? null,
        status: resource.status ?? 'published',
        free_from: resource.free ? dayFromNow(resource.free[0]) : null,
        free_until: resource.free ? dayFromNow(resource.free[1]) : null,
        ...indexedColumnsOf(names, DISCIPLINES),
      })
      .execute()
    await trx
      .insertInto('e_resource_routes')
      .values(
        resource.routes.map((route, position) => ({
          resource_id: id,
          kind: route.kind,
          position,
          url: route.url ?? null,
          values: JSON.stringify(route.values ?? {}),
          note_zh: route.noteZh ?? null,
          note_en: route.noteEn ?? null,
        })),
      )
      .execute()
    await rememberWords(trx, library.id, vocabularyOf(names))
  }
}
