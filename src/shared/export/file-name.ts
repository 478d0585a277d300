/** Longest file name returned, in characters (code points), extension included. */
export const MAX_FILE_NAME_CHARACTERS = 120;

// ext4, APFS and most other file systems cap a name at 255 bytes; 120 CJK characters exceed it.
const MAX_FILE_NAME_BYTES = 255;

const MAX_EXTENSION_CHARACTERS = 16;

/** Returned when nothing usable is left of the name. */
export const FALLBACK_FILE_NAME = 'export';

// Line and paragraph breaks become spaces, so words either side stay apart.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// Controls, format characters (bidi overrides and isolates U+202A–U+202E, U+2066–U+2069, marks
// U+200E/U+200F, zero-width characters) and lone surrogates: invisible, and the bidi ones can make
// "invoice\u202Efdp.exe" display as "invoiceexe.pdf".
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
// Illegal in Windows names; '/' and '\' are also path separators everywhere.
const ILLEGAL = /[<>:"/\\|?*]/g;
// Windows reserves device names, with any extension ("NUL.tar.gz") and with trailing spaces.
const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)$/i;

function clean(s: string): string {
  return (
    s
      .normalize('NFC')
      .replace(BREAKS, ' ')
      .replace(INVISIBLE, '')
      .replace(ILLEGAL, ' ')
      // ".." never survives, so no name can refer to a parent folder.
      .replace(/\.{2,}/g, '')
      .replace(/\s+/g, ' ')
  );
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/**
 * A file name safe to offer in a save dialog or write on Windows, macOS and Linux: `name`
 * (typically a document title) with `extension` appended. Removes line breaks, control,
 * format and bidi characters, path separators and "..", and characters Windows forbids
 * (<>:"/\|?* become spaces); drops leading dots (hidden files) and trailing dots and spaces
 * (Windows strips them); prefixes Windows device names (CON, NUL, COM1, LPT1…) with "_"; keeps
 * at most {@link MAX_FILE_NAME_CHARACTERS} characters and 255 UTF-8 bytes, cutting the name, never
 * the extension or a character in half. Never empty: falls back to {@link FALLBACK_FILE_NAME}.
 */
export function safeFileName(name: string, extension: string): string {
  const ext = [...clean(extension).replace(/\s/g, '').replace(/^\.+|\.+$/g, '')].slice(0, MAX_EXTENSION_CHARACTERS).join('');
  const suffix = ext === '' ? '' : `.${ext}`;
  const tidy = (s: string) => s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  let stem = tidy(clean(name));
  // A title that already ends in the extension ("report.csv") should not become "report.csv.csv".
  if (suffix !== '' && stem.toLowerCase().endsWith(suffix.toLowerCase())) stem = tidy(stem.slice(0, -suffix.length));

  if (stem === '') stem = FALLBACK_FILE_NAME;
  if (RESERVED.test(stem.split('.')[0]!.trimEnd())) stem = `_${stem}`;

  const room = MAX_FILE_NAME_CHARACTERS - [...suffix].length;
  const chars = [...stem].slice(0, room);
  while (chars.length > 1 && utf8Length(chars.join('') + suffix) > MAX_FILE_NAME_BYTES) chars.pop();
  // Cutting can leave a trailing dot or space, which Windows would strip.
  stem = tidy(chars.join('')) || FALLBACK_FILE_NAME;
  return stem + suffix;
}
