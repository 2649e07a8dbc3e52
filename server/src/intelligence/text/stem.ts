/**
 * Light stemmers for English and German, applied to normalised (lower-case, diacritic-free) words.
 *
 * German: CISTEM (Weissweiler & Fraser, 2017), which matched or beat the Snowball German stemmer on
 * their evaluation while being a dozen lines; it needs no umlaut handling beyond the folding that
 * normalisation already did. English: a light suffix stripper (plurals, -ing, -ed, -ly, -ment, -ness,
 * -ation) in the spirit of Harman's S-stemmer plus the most frequent derivational endings: aggressive
 * stemmers (Porter) conflate support vocabulary such as "generalisation"/"general".
 *
 * Other languages are left unstemmed; character n-grams cover their morphology.
 */

export function stem(word: string, language: string | undefined): string {
  if (word.length < 4 || /\d/.test(word)) return word;
  if (language === 'de') return stemGerman(word);
  if (language === 'en' || language === undefined) return stemEnglish(word);
  return word;
}

export function stemEnglish(word: string): string {
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && w.length > 3) {
    w = w.slice(0, -1);
  }
  for (const suffix of ['ational', 'ation', 'ments', 'ment', 'ness', 'ingly', 'edly', 'ing', 'ed', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      // "stopped" → "stopp" → "stop"; "running" → "run"
      if (/([bdfgklmnprt])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** CISTEM, case-insensitive variant (the input is lower case and umlaut-free already). */
export function stemGerman(word: string): string {
  let w = word.replace(/^ge(.{4,})/, '$1');
  w = w.replace(/sch/g, '$').replace(/ei/g, '%').replace(/ie/g, '&');
  w = w.replace(/(.)\1/g, '$1*');
  while (w.length > 3) {
    if (w.length > 5 && /e[mr]$/.test(w)) w = w.slice(0, -2);
    else if (w.length > 5 && /nd$/.test(w)) w = w.slice(0, -2);
    else if (/[tesn]$/.test(w)) w = w.slice(0, -1);
    else break;
  }
  w = w.replace(/(.)\*/g, '$1$1');
  return w.replace(/%/g, 'ei').replace(/&/g, 'ie').replace(/\$/g, 'sch');
}
