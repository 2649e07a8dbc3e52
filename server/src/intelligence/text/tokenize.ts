/**
 * Words for lexical models: normalised, stop words dropped, lightly stemmed in the text's language.
 * The language comes from the issue when known, else from a stop-word vote (en, de, es, pt, fr).
 */
import { normalize, words } from './normalize.ts';
import { stem } from './stem.ts';

const STOP: Record<string, string> = {
  en: 'a about above after again all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours please hello hi dear thank thanks regards best kind',
  de: 'aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin bis bitte bist da damit dann das dass dem den denn der des dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige euch euer eure fur gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in indem ins ist jede jedem jeden jeder jedes jene jetzt kann kein keine konnen konnte man manche mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie sind so solche soll sollte sondern sonst uber um und uns unser unsere unter vom von vor wahrend war waren warst was weg weil weiter welche wenn werde werden wie wieder will wir wird wirst wo wollen wollte wurde wurden zu zum zur zwar zwischen hallo liebe lieber sehr geehrte geehrter geehrtes danke vielen dank gruss grusse freundlichen mit',
  es: 'de la que el en y a los del se las por un para con no una su al lo como mas pero sus le ya o este si porque esta entre cuando muy sin sobre tambien me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mi antes algunos que unos yo otro otras otra el tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros hola gracias saludos',
  pt: 'de a o que e do da em um para e com nao uma os no se na por mais as dos como mas foi ao ele das tem a seu sua ou ser quando muito ha nos ja esta eu tambem so pelo pela ate isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estao voce tinha foram essa num nem suas meu as minha tem numa pelos elas havia seja qual sera nos tenho lhe deles essas esses pelas este fosse dele ola obrigado atenciosamente',
  fr: 'au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant suis es est sommes etes sont serai bonjour merci cordialement',
};

/** Each language's stop words. */
export const STOP_SETS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(STOP).map(([lang, list]) => [lang, new Set(list.split(' '))]),
);

export const LANGUAGES = Object.keys(STOP);

/**
 * Each stop word with the languages that list it, one bit per entry of {@link LANGUAGES}: a vote
 * looks each word up once instead of once per language (every classification and every brief asks).
 */
const STOP_LANGUAGES = new Map<string, number>();
LANGUAGES.forEach((lang, i) => {
  for (const w of STOP_SETS[lang] as ReadonlySet<string>)
    STOP_LANGUAGES.set(w, (STOP_LANGUAGES.get(w) ?? 0) | (1 << i));
});

/** The language whose stop words the text uses most; `undefined` when none stands out. */
export function detectLanguage(normalizedWords: readonly string[]): string | undefined {
  // Votes per language, in LANGUAGES order; a tie goes to the earlier language.
  const votes = new Array<number>(LANGUAGES.length).fill(0);
  for (const w of normalizedWords) {
    const languages = STOP_LANGUAGES.get(w);
    if (languages === undefined) continue;
    for (let i = 0; i < votes.length; i++) if (languages & (1 << i)) votes[i] = (votes[i] as number) + 1;
  }
  let best = -1;
  let bestCount = 0;
  for (let i = 0; i < votes.length; i++) {
    if ((votes[i] as number) > bestCount) {
      best = i;
      bestCount = votes[i] as number;
    }
  }
  return bestCount >= 2 ? LANGUAGES[best] : undefined;
}

export function baseLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return base && STOP_SETS[base] ? base : undefined;
}

export interface Tokens {
  /** The language used for stop words and stemming. */
  language: string | undefined;
  /** Normalised words, stop words included (for n-grams of surface forms). */
  words: string[];
  /** Content terms: stop words (of every language) dropped, stemmed. */
  terms: string[];
  /** The word each term was stemmed from (same positions as `terms`). */
  surface: string[];
}

export function tokenize(text: string, language?: string): Tokens {
  const all = words(normalize(text));
  const lang = baseLanguage(language) ?? detectLanguage(all);
  const terms: string[] = [];
  const surface: string[] = [];
  for (const w of all) {
    if (STOP_LANGUAGES.has(w) || (w.length < 2 && !/\d/.test(w))) continue;
    terms.push(stem(w, lang));
    surface.push(w);
  }
  return { language: lang, words: all, terms, surface };
}

export function isStopWord(word: string): boolean {
  return STOP_LANGUAGES.has(word);
}
