export { FileLink, type FileLinkProps } from './file-link.tsx'
export { formatFileSize } from './file-size.ts'
export { FileUpload, type FileUploadProps } from './file-upload.tsx'
export { postFile, postFiles, type UploadHandlers } from './upload-request.ts'
