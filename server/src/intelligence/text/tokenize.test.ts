/**
 * The stop-word language vote: the language whose stop words a text uses most (at least two), a tie
 * going to the earlier of en, de, es, pt, fr — checked against the plain per-language count.
 */
import { describe, expect, it } from 'vitest';
import { normalize, words } from './normalize.ts';
import { detectLanguage, LANGUAGES, STOP_SETS, tokenize } from './tokenize.ts';

const SAMPLES: Record<string, string> = {
  en: 'Hello, the parcel for my order was crushed and I would like a replacement please',
  de: 'Hallo, das Paket ist leider beschädigt angekommen und ich bitte um einen Ersatz',
  es: 'Hola, el paquete llegó dañado y quiero un reemplazo para mi pedido, gracias',
  pt: 'Olá, o pacote chegou danificado e eu quero uma substituição do meu pedido, obrigado',
  fr: 'Bonjour, le colis est arrivé abîmé et je voudrais un remplacement pour ma commande, merci',
};

/** The vote as a reader would write it: each language's stop words counted in turn. */
function perLanguageVote(all: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const lang of LANGUAGES) {
    const count = all.filter((w) => STOP_SETS[lang]!.has(w)).length;
    if (count > bestCount) {
      best = lang;
      bestCount = count;
    }
  }
  return bestCount >= 2 ? best : undefined;
}

describe('language vote', () => {
  it('names the language of each sample', () => {
    for (const [lang, text] of Object.entries(SAMPLES)) {
      expect(detectLanguage(words(normalize(text))), lang).toBe(lang);
      expect(tokenize(text).language, lang).toBe(lang);
    }
  });

  it('needs two stop words, and gives a tie to the earlier language', () => {
    expect(detectLanguage(['parcel', 'the'])).toBeUndefined();
    expect(detectLanguage(['the', 'and'])).toBe('en');
    // "de" is a stop word of es, pt and fr, "la" of es and fr: es is the first with two.
    expect(detectLanguage(['de', 'la'])).toBe('es');
  });

  it('counts as the per-language vote does, on texts mixing every language', () => {
    const vocabulary = [
      ...Object.values(SAMPLES).flatMap((t) => words(normalize(t))),
      ...LANGUAGES.flatMap((lang) => [...STOP_SETS[lang]!].slice(0, 40)),
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const answers = new Set<string | undefined>();
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + (next() % 10) }, () => vocabulary[next() % vocabulary.length]!);
      const expected = perLanguageVote(text);
      expect(detectLanguage(text), text.join(' ')).toBe(expected);
      answers.add(expected);
    }
    // Every language won some texts, and some texts had no vote of two.
    expect([...answers].sort()).toEqual([...LANGUAGES, undefined].sort());
  });
});
