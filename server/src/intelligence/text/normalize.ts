/**
 * Unicode-aware normalisation shared by every lexical feature: NFKC (full-width forms, ligatures),
 * lower case, diacritics folded (so "Rückerstattung" and a "Ruckerstattung" typed on a US keyboard
 * meet), `ß` → `ss`, and anonymisation placeholders such as `<name>` or `<tel_num>` removed (they
 * carry no meaning and would otherwise be among the most frequent "words").
 */

const PLACEHOLDER = /<[\p{L}_]{1,30}>/gu;
const COMBINING = /\p{M}+/gu;
/** Letters and digits, with inner apostrophes or hyphens kept out (they split words). */
const WORD = /[\p{L}\p{N}]+/gu;

export function normalize(text: string): string {
  return text
    .replace(PLACEHOLDER, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(COMBINING, '')
    .normalize('NFC');
}

/** The words of already normalised text, in order. */
export function words(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}
