// Federated-login (WAYFless) link patterns for CARSI, as shipped; a library may change any of
// them or add its own (access_platforms). From ../shared/reference/access-routes.md, which names
// the sources: the CARSI WAYFless list kept by Chinese university libraries (szulwm/WAYFless).
// `confirmed: false` marks a pattern whose parameter names are not confirmed by the vendor.
// Page phrases ship nearly empty: the built-in phrases catch most "not found" pages, and each
// library adds the wording its platforms show when a false "ok" turns up.

export interface ShippedPlatform {
  code: string
  name: string
  template: string
  confirmed: boolean
  hosts: string[]
  /** What the link checker reads as the platform's "not found" and its sign-in page (R5). */
  soft404Phrases: string[]
  loginPhrases: string[]
}

export const SHIPPED_PLATFORMS: readonly ShippedPlatform[] = [
  {
    code: 'elsevier',
    name: 'ScienceDirect / Scopus / Engineering Village (Elsevier)',
    template:
      'https://auth.elsevier.com/ShibAuth/institutionLogin?entityID={enc:entityID}&appReturnURL={enc:target}',
    confirmed: true,
    hosts: ['www.sciencedirect.com', 'www.scopus.com', 'www.engineeringvillage.com'],
    soft404Phrases: [],
    loginPhrases: [],
  },
  {
    code: 'springer',
    name: 'SpringerLink',
    template: 'https://fsso.springer.com/federation/init?entityId={enc:entityID}&returnUrl={enc:target}',
    confirmed: true,
    hosts: ['link.springer.com'],
    soft404Phrases: [],
    loginPhrases: [],
  },
  {
    code: 'wiley',
    name: 'Wiley Online Library',
    template: 'https://onlinelibrary.wiley.com/action/ssostart?idp={entityID}&redirectUri={target}',
    confirmed: true,
    hosts: ['onlinelibrary.wiley.com'],
    soft404Phrases: [],
    loginPhrases: [],
  },
  {
    code: 'ieee',
    name: 'IEEE Xplore',
    template: 'https://ieeexplore.ieee.org/servlet/wayf.jsp?entityId={entityID}&url={target}',
    confirmed: true,
    hosts: ['ieeexplore.ieee.org'],
    soft404Phrases: [],
    loginPhrases: [],
  },
  {
    code: 'webofscience',
    name: 'Web of Science',
    template:
      'https://www.webofknowledge.com/?auth=ShibbolethIdPForm&entityID={enc:entityID}&target={enc:target}&ShibFederation=ChineseFederation&DestApp=UA',
    confirmed: true,
    hosts: ['www.webofscience.com', 'www.webofknowledge.com'],
    soft404Phrases: [],
    loginPhrases: [],
  },
  {
    code: 'proquest',
    name: 'ProQuest',
    template:
      'https://shibboleth-sp.prod.proquest.com/Shibboleth.sso/DS?SAMLDS=1&target={enc:target}&entityID={enc:entityID}',
    confirmed: true,
    hosts: ['www.proquest.com', 'search.proquest.com'],
    soft404Phrases: [],
    loginPhrases: [],
  },
  {
    code: 'ebsco',
    name: 'EBSCOhost',
    template: 'https://search.ebscohost.com/login.aspx?authtype=ip,shib&custid={customerId}',
    confirmed: true,
    hosts: ['search.ebscohost.com', 'research.ebsco.com'],
    soft404Phrases: [],
    loginPhrases: [],
  },
  {
    code: 'cnki',
    name: '中国知网 CNKI',
    template:
      'https://fsso.cnki.net/Shibboleth.sso/Login?entityID={entityID}&target=https://fsso.cnki.net/secure/default.aspx',
    confirmed: true,
    hosts: ['www.cnki.net', 'kns.cnki.net', 'fsso.cnki.net'],
    soft404Phrases: ['文献不存在'],
    loginPhrases: [],
  },
  {
    code: 'nature',
    name: 'Nature',
    template: 'https://sp.nature.com/saml/login?idp={entityID}&targetUrl={target}',
    confirmed: false,
    hosts: ['www.nature.com'],
    soft404Phrases: [],
    loginPhrases: [],
  },
]
