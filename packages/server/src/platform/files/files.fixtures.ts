import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Test-only: sample contents and multipart bodies for the files tests.

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
)
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
/** A Windows executable's signature, dressed up as a PDF by name and declared type. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])
/** The smallest Office Open XML packages file-type recognises (made with Python's zipfile). */
export const DOCX = Buffer.from(
  'UEsDBBQAAAAIABaveV2Rp0i1vQAAAAIBAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbF2PwU7DMBBEf8XaK0o2cKgQitMDEkfooXzAyt6kVuNdyzal/XsckHrguJqZNzvj/hpXc+FcgoqFx34Aw+LUB1ksfB7fumfYT+PxlriYZpVi4VRrekEs7sSRSq+JpSmz5ki1nXnBRO5MC+PTMOzQqVSW2tWNAdP40dpy8GwOlOs7RbaA35o9enVfsTn7RgPz+hfbmi1QSmtwVNuTeBH/r7PTeQ6O7/mNlrI6LqXNiGt/VyIFedjwOI34O2r6AVBLAwQUAAAACAAWr3ld/8Ua9CwAAAAqAAAAEQAAAHdvcmQvZG9jdW1lbnQueG1ss7GvyM1RKEstKs7Mz7NVMtQzUFJIzUvOT8nMS7dVCg1x07VQsrezqdC3AwBQSwECFAMUAAAACAAWr3ldkadItb0AAAACAQAAEwAAAAAAAAAAAAAAgAEAAAAAW0NvbnRlbnRfVHlwZXNdLnhtbFBLAQIUAxQAAAAIABaveV3/xRr0LAAAACoAAAARAAAAAAAAAAAAAACAAe4AAAB3b3JkL2RvY3VtZW50LnhtbFBLBQYAAAAAAgACAIAAAABJAQAAAAA=',
  'base64',
)
export const XLSX = Buffer.from(
  'UEsDBBQAAAAIABaveV2sYzx/vwAAAPoAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbF2PwU7DMAyGXyXKFTUuOyCEmu4wiePgMB7AJG4btbGjJIzx9qTjxsmy7P/77OF4i5u6Ui5B2OpH02tF7MQHnq3+uLx2z/o4DpefREW1VS5WL7WmF4DiFopYjCTiNpkkR6ytzTMkdCvOBIe+fwInXIlrV3eGHoe3ZsvBk3rHXM8YyWq4bfAtef0UWU1jaXX6C+1eqzGlLTis7US4sv9n7GSagiMv7iu2iCkpE/qyENW4mXs1EQM/7GAYB7g/M/4CUEsDBBQAAAAIABaveV3/xRr0LAAAACoAAAAPAAAAeGwvd29ya2Jvb2sueG1ss7GvyM1RKEstKs7Mz7NVMtQzUFJIzUvOT8nMS7dVCg1x07VQsrezqdC3AwBQSwECFAMUAAAACAAWr3ldrGM8f78AAAD6AAAAEwAAAAAAAAAAAAAAgAEAAAAAW0NvbnRlbnRfVHlwZXNdLnhtbFBLAQIUAxQAAAAIABaveV3/xRr0LAAAACoAAAAPAAAAAAAAAAAAAACAAfAAAAB4bC93b3JrYm9vay54bWxQSwUGAAAAAAIAAgB+AAAASQEAAAAA',
  'base64',
)
export const TEXT = Buffer.from('借阅须知：请按时归还。\nPlease return books on time.\n')

/** A multipart body as a browser's FormData encodes it (undici's encoder). */
export const formData = async (content: Buffer, filename: string, type = 'application/octet-stream') => {
  const form = new FormData()
  form.append('note', 'attached for testing')
  form.append('file', new Blob([content], { type }), filename)
  const encoded = new Response(form)
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type')! },
  }
}

/** A multipart body with many files, each a `file` part, as a browser's FormData encodes it. */
export const formDataFiles = async (files: readonly { content: Buffer; name: string; type?: string }[]) => {
  const form = new FormData()
  for (const file of files)
    form.append(
      'file',
      new Blob([file.content], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    )
  const encoded = new Response(form)
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type')! },
  }
}

/** A multipart body written byte by byte, for file names no well-behaved client would send. */
export const rawMultipart = (content: Buffer, filenameHeader: string) => {
  const boundary = 'shuqiao-test-boundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${filenameHeader}\r\nContent-Type: application/pdf\r\n\r\n`
  return {
    payload: Buffer.concat([Buffer.from(head, 'latin1'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }
}

export const makeFilesDir = () => mkdtempSync(join(tmpdir(), 'shuqiao-files-'))

/** Every file under `dir`, as paths relative to it. */
export const listFiles = (dir: string) =>
  (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort()
