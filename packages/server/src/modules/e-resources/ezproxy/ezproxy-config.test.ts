import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { realdataDir } from '../../../test/realdata.ts'
import { type EzproxyConfigPreview, parseEzproxyConfig } from './ezproxy-config.ts'

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))
const read = (name: string) => parseEzproxyConfig(fixture(name))

// Real files whose licences do not let us ship them are read where the project's neighbours keep
// them (../shared/realdata beside the checkout, or SHUQIAO_REALDATA), when they are there.
const realFile = (name: string) => join(realdataDir('ezproxy'), name)
const readReal = (name: string) => parseEzproxyConfig(readFileSync(realFile(name)))
const hasReal = existsSync(realFile('ezproxy.cfg')) && existsSync(realFile('EDPSciences'))

const codes = (preview: EzproxyConfigPreview) => preview.problems.map((p) => [p.line, p.code, p.severity])
const skippedCounts = (preview: EzproxyConfigPreview) =>
  Object.fromEntries(preview.skipped.map((entry) => [entry.directive, entry.count]))
const byTitle = (preview: EzproxyConfigPreview, title: string) => {
  const found = preview.resources.find((resource) => resource.title === title)
  if (!found) throw new Error(`no resource ${title}`)
  return found
}

describe('EZproxy configuration files from libraries (fixtures/README.md)', () => {
  it.skipIf(!hasReal)(
    'reads the Wikipedia Library ezproxy.cfg (../shared/realdata): 40 stanzas, the included files noted, the orphan lines refused',
    () => {
      const preview = readReal('ezproxy.cfg')
      expect(preview.encoding).toBe('utf-8')
      expect(preview.lineCount).toBe(1155)
      // 41 Title lines: 40 resources and "Women Writers Project", a Title with no URL, Host or Domain.
      expect(preview.resources).toHaveLength(40)
      expect(preview.headings).toEqual([{ title: 'Women Writers Project', line: 938 }])
      expect(preview.resources.every((resource) => resource.url !== null && !resource.hasErrors)).toBe(true)

      expect(preview.includeFiles).toHaveLength(72)
      expect(preview.includeFiles[0]).toEqual({ file: 'secrets.txt', line: 18 })
      expect(skippedCounts(preview)).toEqual({
        IncludeFile: 72,
        Group: 22,
        AnonymousURL: 16,
        MimeFilter: 1,
        HTTPHeader: 3,
        Find: 12,
        Replace: 12,
        Option: 8,
        NeverProxy: 6, // "Neverproxy" on lines 939–940 counts with "NeverProxy"
      })
      expect(preview.skipped.find((entry) => entry.directive === 'HTTPHeader')?.lines).toEqual([
        123, 687, 942,
      ])

      // Host lines after `IncludeFile databases/ouplaw.txt` and a URL after `IncludeFile
      // databases/sabinetepubs.txt` belong to stanzas in files we were not given.
      const outside = preview.problems.filter((p) => p.code === 'outside_stanza')
      expect(outside.map((p) => p.line)).toEqual([
        809, 810, 811, 812, 813, 814, 815, 816, 817, 818, 848, 849, 850, 851, 852, 853, 854, 855,
      ])
      expect(outside.every((p) => p.severity === 'error' && p.resource === null)).toBe(true)
      expect(outside[0]!.message.en).toContain('IncludeFile databases/ouplaw.txt (line 807)')
      // Paths on Host and Domain lines (fulcrum.org/heb, fulcrum.org/michigan) and a scheme on a Domain line.
      const normalized = preview.problems.filter((p) => p.code === 'host_normalized')
      expect(normalized.map((p) => p.line)).toEqual([50, 51, 52, 53, 54, 495, 923, 924, 925, 926, 927])
      expect(preview.problems).toHaveLength(30)

      const geo = byTitle(preview, 'GEOPlugin (updated 20190502)')
      expect(geo).toMatchObject({ line: 11, endLine: 15, url: 'https://ssl.geoplugin.net', group: 'Default' })
      // URL, Host and HJ name the same origin: one host, marked JavaScript.
      expect(geo.hosts).toEqual([
        {
          host: 'ssl.geoplugin.net',
          scheme: 'https',
          origin: 'https://ssl.geoplugin.net',
          javaScript: true,
          line: 12,
          fromUrl: true,
        },
      ])
      expect(geo.domains).toEqual([{ domain: 'geoplugin.net', javaScript: true, line: 15 }])

      const cambridge = byTitle(preview, 'Cambridge Core (updated 20191022)')
      expect(cambridge.hosts).toHaveLength(25) // 25 HJ lines (3 commented out); the URL's host is one of them
      expect(cambridge.hosts.every((host) => host.javaScript)).toBe(true)
      expect(cambridge.group).toBe('BUNDLE')

      const acls = byTitle(preview, 'ACLS Humanities Ebook Collection')
      expect(acls.hosts.map((host) => host.origin)).toEqual([
        'https://www.fulcrum.org',
        'http://hdl.handle.net',
        'https://hdl.handle.net',
        'http://www.fulcrum.org',
        'http://fulcrum.org',
        'https://fulcrum.org',
      ])
      expect(acls.domains).toEqual([{ domain: 'fulcrum.org', javaScript: true, line: 54 }])

      // Options hold from where they are written until their opposite.
      expect(byTitle(preview, 'Edinburgh University Press').options).toEqual(['DomainCookieOnly'])
      expect(byTitle(preview, 'Fold3').options).toEqual(['CookiePassThrough'])
      expect(byTitle(preview, 'Foreign Affairs').options).toEqual([])
      expect(byTitle(preview, 'Baylor University Press').group).toBe('P47')

      const doi = byTitle(preview, 'DOI System')
      expect(doi).toMatchObject({ hidden: true, line: 1149, url: 'http://doi.org', group: 'Default' })
      expect(doi.hosts.map((host) => host.origin)).toEqual([
        'http://doi.org',
        'https://doi.org',
        'http://dx.doi.org',
        'https://dx.doi.org',
      ])

      const wwo = byTitle(preview, 'Women Writers Online (WWO)')
      expect(wwo).toMatchObject({ line: 941, url: 'https://www.wwp.northeastern.edu/wwo' })
      expect(byTitle(preview, 'Érudit').url).toBe('https://www.erudit.org')
    },
  )

  it.skipIf(!hasReal)(
    'reads the BibCNRS EDP Sciences stanza (../shared/realdata): four URL lines, hosts after blank lines and comments',
    () => {
      const preview = readReal('EDPSciences')
      expect(preview.lineCount).toBe(349)
      expect(preview.resources).toHaveLength(1)
      const edp = preview.resources[0]!
      expect(edp).toMatchObject({
        title: 'EDP Sciences',
        line: 1,
        endLine: 348,
        url: 'https://www.edpsciences.org/',
      })
      expect(edp.hasErrors).toBe(false)
      // 188 H/HJ lines and 4 URL lines name 178 different origins.
      expect(edp.hosts).toHaveLength(178)
      expect(edp.hosts.filter((host) => host.javaScript)).toHaveLength(4)
      expect(edp.hosts.filter((host) => host.fromUrl).map((host) => host.line)).toEqual([2, 3, 4, 5])
      expect(edp.domains).toHaveLength(82)
      expect(edp.domains.every((domain) => domain.javaScript)).toBe(true)
      // The last block follows a blank line and a comment per journal: still the same stanza.
      expect(edp.hosts.find((host) => host.origin === 'https://radium.journaldephysique.org')?.line).toBe(342)
      expect(codes(preview)).toEqual([
        [3, 'url_repeated', 'warning'],
        [4, 'url_repeated', 'warning'],
        [5, 'url_repeated', 'warning'],
      ])
      expect(preview.skipped).toEqual([])
    },
  )

  it('reads OCLC’s Cold Spring Harbor stanza with its ProxyHostnameEdit lines skipped', () => {
    const preview = read('ProxyHostNameEdit.txt')
    expect(preview.resources).toHaveLength(1)
    const cshl = preview.resources[0]!
    expect(cshl).toMatchObject({
      title: 'Cold Spring Harbor Laboratory Press (OCLC IncludeFile updated 20230519)',
      line: 14,
      url: 'https://www.cshlpress.org',
    })
    expect(cshl.hosts).toHaveLength(21)
    expect(cshl.hosts.every((host) => host.javaScript)).toBe(true)
    expect(cshl.domains.map((domain) => domain.domain)).toEqual([
      'cshlp.org',
      'cshlpress.org',
      'genesdev.org',
      'rnajournal.org',
    ])
    expect(preview.skipped).toEqual([
      { directive: 'ProxyHostnameEdit', count: 13, lines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] },
    ])
    expect(preview.problems).toEqual([])
  })

  it('reads OCLC’s Visible Body stanzas: ten resources, Option and NeverProxy skipped', () => {
    const preview = read('VisibleBody.txt')
    expect(preview.lineCount).toBe(65) // no line break after the last line
    expect(preview.resources.map((resource) => resource.line)).toEqual([1, 6, 13, 20, 27, 34, 41, 48, 55, 62])
    expect(preview.resources[5]).toMatchObject({
      title: 'Visible Body Physiology Animations (updated 20230503)',
      url: 'http://physiology.visiblebody.com',
      domains: [{ domain: 'visiblebody.com', javaScript: true, line: 36 }],
    })
    expect(skippedCounts(preview)).toEqual({ Option: 10, NeverProxy: 16 })
    expect(preview.problems).toEqual([])
    // `Option AllowSendGZip` is written after each URL, so it is in force from the second Title on.
    expect(preview.resources[0]!.options).toEqual([])
    expect(preview.resources[9]!.options).toEqual(['AllowSendGZip'])
  })
})

describe('problems, line by line, in our own small files', () => {
  it('a stanza without a URL', () => {
    const preview = read('own-url-missing.txt')
    expect(codes(preview)).toEqual([[2, 'url_missing', 'error']])
    expect(preview.problems[0]!.resource).toBe(0)
    expect(preview.problems[0]!.message.zh).toBe('第 2 行的资源“万方数据知识服务平台”没有 URL。')
    expect(preview.resources.map((resource) => resource.hasErrors)).toEqual([true, false])
    expect(preview.resources[1]!.url).toBe('https://qikan.cqvip.com/')
  })

  it('a URL written above its Title, at the start and after a complete stanza', () => {
    const preview = read('own-url-before-title.txt')
    expect(codes(preview)).toEqual([
      [1, 'url_before_title', 'error'],
      [10, 'url_before_title', 'error'],
    ])
    expect(preview.problems.map((p) => p.resource)).toEqual([0, 2])
    expect(preview.resources.map((resource) => [resource.title, resource.url])).toEqual([
      ['中国知网', null],
      ['超星电子图书', 'https://www.sslibrary.com/'],
      ['读秀学术搜索', null],
    ])
    // The misplaced URL is not taken as a second URL of the stanza above it.
    expect(preview.resources[1]!.endLine).toBe(8)
    expect(preview.resources[1]!.hosts).toHaveLength(1)
  })

  it('Host and Domain lines before any Title, and after an IncludeFile', () => {
    const preview = read('own-outside-stanza.txt')
    expect(codes(preview)).toEqual([
      [2, 'outside_stanza', 'error'],
      [3, 'outside_stanza', 'error'],
      [7, 'outside_stanza', 'error'],
      [8, 'outside_stanza', 'error'],
    ])
    expect(preview.problems[0]!.message.zh).toBe('第 2 行的 H 前面没有 Title，不属于任何资源，未导入。')
    expect(preview.problems[2]!.message.en).toContain('follows IncludeFile databases/springer.txt (line 6)')
    expect(preview.resources.map((resource) => resource.hosts.length + resource.domains.length)).toEqual([
      1, 1,
    ])
    expect(preview.includeFiles).toEqual([{ file: 'databases/springer.txt', line: 6 }])
  })

  it('duplicate titles (case and spaces aside) and duplicate addresses (scheme and final slash aside)', () => {
    const preview = read('own-duplicates.txt')
    expect(codes(preview)).toEqual([
      [5, 'duplicate_title', 'warning'],
      [10, 'duplicate_url', 'warning'],
    ])
    expect(preview.problems[0]!.message.en).toBe(
      'The title “web of science” on line 5 repeats the one on line 1.',
    )
    expect(preview.problems[1]!.message.zh).toBe('第 10 行的 URL 与第 2 行的是同一个地址。')
  })

  it('invalid URLs, hosts and domains', () => {
    const preview = read('own-invalid-urls.txt')
    expect(codes(preview)).toEqual([
      [2, 'url_invalid', 'error'],
      [5, 'url_invalid', 'error'],
      [8, 'url_invalid', 'error'],
      [11, 'url_invalid', 'error'],
      [14, 'url_invalid', 'error'],
      [15, 'host_invalid', 'error'],
      [16, 'host_invalid', 'error'],
      [17, 'domain_invalid', 'error'],
      [18, 'host_normalized', 'warning'],
      [21, 'url_has_credentials', 'warning'],
    ])
    expect(preview.problems[0]!.message.en).toBe(
      'The URL “www.example-vendor.cn/start” on line 2 lacks http:// or https://.',
    )
    expect(preview.problems[4]!.message.en).toContain(
      'an address cannot contain spaces (“https://exa mple.cn/”)',
    )
    expect(preview.problems[7]!.message.zh).toBe('第 17 行的 D “com” 覆盖了整个顶级域，不能导入。')
    expect(preview.resources.map((resource) => resource.url)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'https://reader:secret@db.example-vendor.cn/login',
    ])
    expect(preview.resources[4]!.domains).toEqual([
      { domain: 'db.example-vendor.cn', javaScript: false, line: 18 },
    ])
  })

  it('javascript: and data: URLs are refused and never kept', () => {
    const preview = read('own-unsafe-urls.txt')
    expect(codes(preview)).toEqual([
      [2, 'url_unsafe', 'error'],
      [5, 'url_unsafe', 'error'],
      [8, 'url_unsafe', 'error'],
    ])
    expect(preview.resources.every((resource) => resource.url === null && resource.hosts.length === 0)).toBe(
      true,
    )
    expect(preview.problems[1]!.message.en).toBe(
      'The URL on line 5 is a DATA: address and cannot be a resource link; refused.',
    )
  })

  it('a Title with no text, with or without -Hide', () => {
    const preview = read('own-title-empty.txt')
    expect(codes(preview)).toEqual([
      [1, 'title_empty', 'error'],
      [5, 'title_empty', 'error'],
    ])
    expect(
      preview.resources.map((resource) => [resource.title, resource.hidden, resource.hasErrors]),
    ).toEqual([
      ['', false, true],
      ['', true, true],
    ])
  })
})

describe('reading the file as EZproxy does', () => {
  it('URL qualifiers and labels, Title -Hide, Description, Group and Option in force', () => {
    const preview = read('own-qualifiers.txt')
    expect(preview.serverOptions).toEqual(['ProxyByHostname'])
    expect(preview.headings).toEqual([{ title: 'Menu heading', line: 20 }])
    expect(codes(preview)).toEqual([[20, 'heading_only', 'warning']])
    expect(skippedCounts(preview)).toEqual({ Option: 5, Group: 2, FormVariable: 1 })

    const [pkulaw, ebsco, ieee] = preview.resources
    expect(pkulaw).toMatchObject({
      title: '北大法宝 (pkulaw)',
      hidden: true,
      description: '法律法规与司法案例\nLaws and cases',
      url: 'https://www.pkulaw.com/',
      urlQualifiers: ['-Refresh'],
      urlLabel: 'pkulaw',
      group: 'Faculty',
      options: ['DomainCookieOnly'],
    })
    expect(pkulaw!.hosts.map((host) => [host.origin, host.javaScript])).toEqual([
      ['https://www.pkulaw.com', false],
      ['http://www.pkulaw.com', true],
    ])
    expect(ebsco).toMatchObject({
      url: 'https://search.ebscohost.com/login.aspx',
      urlQualifiers: ['-Form=post', '-RewriteHost'],
      urlLabel: 'ebsco',
      group: 'Faculty',
      options: ['X-Forwarded-For'],
    })
    expect(ieee).toMatchObject({
      title: 'IEEE Xplore',
      url: 'https://ieeexplore.ieee.org/search?q=',
      urlQualifiers: ['-Redirect', '-Append', '-Encoded'],
      urlLabel: 'ieee',
      group: 'Default',
      options: [],
    })
    // :443 is https's own port; :8443 is another origin. A leading dot on a Domain is dropped.
    expect(ieee!.hosts.map((host) => host.origin)).toEqual([
      'https://ieeexplore.ieee.org',
      'http://ieeexplore.ieee.org:8443',
    ])
    expect(ieee!.domains).toEqual([{ domain: 'ieee.org', javaScript: false, line: 27 }])
  })

  it('a BOM, CRLF line ends, tabs, indented comments and directives in any case', () => {
    const preview = read('own-bom-crlf-tabs.txt')
    expect(preview.encoding).toBe('utf-8-bom')
    expect(preview.problems).toEqual([])
    expect(preview.resources.map((resource) => [resource.title, resource.line, resource.url])).toEqual([
      ['ScienceDirect', 2, 'https://www.sciencedirect.com/'],
      ['Scopus', 8, 'https://www.scopus.com/'],
    ])
    expect(preview.resources[0]!.hosts.map((host) => [host.origin, host.javaScript, host.line])).toEqual([
      ['https://www.sciencedirect.com', false, 4],
      ['http://www.sciencedirect.com', true, 5],
    ])
    expect(preview.resources[0]!.domains).toEqual([
      { domain: 'sciencedirect.com', javaScript: true, line: 6 },
    ])
    expect(preview.skipped).toEqual([{ directive: 'neverproxy', count: 2, lines: [11, 12] }])
  })

  it('text and bytes in UTF-8, UTF-16 and GB18030 give the same stanzas', () => {
    const text = 'Title 中国知网\rURL https://www.cnki.net/\rDJ cnki.net\r'
    const fromText = parseEzproxyConfig(text)
    expect(fromText.encoding).toBe('text')
    expect(fromText.lineCount).toBe(3) // a lone CR ends a line too
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const fromUtf16 = parseEzproxyConfig(utf16)
    expect(fromUtf16.encoding).toBe('utf-16le')
    expect(fromUtf16.resources).toEqual(fromText.resources)

    const gbk = read('own-gbk.txt')
    expect(gbk.encoding).toBe('gb18030')
    expect(gbk.resources.map((resource) => [resource.title, resource.url])).toEqual([
      ['中国知网', 'https://www.cnki.net/'],
    ])
    expect(codes(gbk)).toEqual([[0, 'encoding_guessed', 'warning']])
    expect(parseEzproxyConfig(new Uint8Array()).resources).toEqual([])
  })
})
