import { describe, expect, it } from 'vitest'
import { attachmentDisposition, cleanFileName } from './files.names.ts'

describe('file names', () => {
  it('keep only the last path part, without control or bidi characters', () => {
    expect(cleanFileName('../../etc/passwd', 'txt')).toBe('passwd.txt')
    expect(cleanFileName('C:\\Users\\me\\论文.docx', 'docx')).toBe('论文.docx')
    expect(cleanFileName('a\u0000b\r\nc.pdf', 'pdf')).toBe('abc.pdf')
    expect(cleanFileName('gpj\u202Eexe.png', 'png')).toBe('gpjexe.png')
    expect(cleanFileName('   ...hidden.pdf', 'pdf')).toBe('hidden.pdf')
    expect(cleanFileName(undefined, 'jpeg')).toBe('file.jpg')
    expect(cleanFileName('photo.JPEG', 'jpeg')).toBe('photo.JPEG')
    expect(cleanFileName('con<>:"|?*.pdf', 'pdf')).toBe('con_______.pdf')
  })

  it('are cut to length by characters, keeping the extension', () => {
    const name = cleanFileName(`${'😀'.repeat(200)}.xlsx`, 'xlsx')
    expect([...name]).toHaveLength(120)
    expect(name.endsWith('😀.xlsx')).toBe(true)
  })

  it('become a header nothing can break out of', () => {
    expect(attachmentDisposition('a";\r\nSet-Cookie: x.pdf')).toBe(
      `attachment; filename="a____Set-Cookie: x.pdf"; filename*=UTF-8''a%22%3B%0D%0ASet-Cookie%3A%20x.pdf`,
    )
    expect(attachmentDisposition("it's (1)*.pdf")).toBe(
      `attachment; filename="it's (1)*.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`,
    )
  })
})
