/**
 * A spreadsheet header as importers compare it: full-width forms folded (NFKC), lower case, and
 * no spaces, brackets, underscores, dashes, dots, colons, stars or percent signs, so `ISBN号`,
 * `isbn 号` and `ＩＳＢＮ号`, or `重复率(%)` and `重复率（%）`, are one header.
 */
export const headerKey = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:：()（）[\]【】%*]/g, '')
