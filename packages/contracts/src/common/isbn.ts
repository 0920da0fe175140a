import ISBN from 'isbn3'

/**
 * The ISBN-13 of an ISBN-10 or ISBN-13 written any common way (hyphens, spaces, an `ISBN`
 * prefix, a lower-case x), or null when it is not a valid ISBN (wrong length or check digit).
 * Books are matched by this form everywhere: suggestions, holdings, course reserves.
 */
export const isbn13Of = (raw: string): string | null => {
  const cleaned = raw
    .trim()
    .replace(/^isbn[:：]?\s*/i, '')
    .replace(/[\s\u2010-\u2015-]/g, '')
  if (!/^(\d{9}[\dXx]|\d{13})$/.test(cleaned)) return null
  return ISBN.asIsbn13(cleaned) ?? null
}

/** An ISBN-13 hyphenated as printed on the book (978-7-302-42328-7); as given when it cannot be. */
export const hyphenatedIsbn = (isbn13: string): string => ISBN.hyphenate(isbn13) || isbn13
