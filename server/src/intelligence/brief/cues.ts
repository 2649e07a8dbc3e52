/**
 * Cue patterns of the brief engine, per language, matched against normalised text (lower case,
 * diacritics folded, ß → ss: "prüfen" is written "prufen" here). English and German are complete;
 * Spanish, Portuguese and French carry the urgency and question words, the languages Baton's
 * tokenizer knows.
 */

const cue = (...patterns: string[]) => new RegExp(patterns.join('|'), 'u');

/** A sentence that asks, although it may not end in "?" (transcripts, chat). */
export const QUESTION_START = cue(
  '^(can|could|would|will|is|are|do|does|did|how|what|when|where|why|which|who|should|may|has|have)\\b[^.!]*$',
  '^(kann|kannst|konnen|konnten|wurden|wird|werden|ist|sind|gibt|gilt|wie|was|wann|wo|woher|warum|wieso|welche[rsmn]?|wer|sollte[n]?|durfen|muss|mussen|haben|hat|bekommen|bekommt|steht|kommt|liegt|betrifft|braucht|gehen|geht)\\b[^.!]*$',
);

/** Yes/no questions start with an auxiliary (English) or the finite verb (German). */
export const YES_NO_QUESTION = cue(
  '^(please answer my question: )?(can|could|would|will|is|are|do|does|did|should|may|has|have|was|were)\\b',
  '^(kann|kannst|konnen|konnten|wurde|wurden|war|waren|wird|werden|ist|sind|gibt|gilt|sollte[n]?|durfen|muss|mussen|haben|hat|hatte|bekommen|bekommt|steht|kommt|liegt|betrifft|braucht|gehen|geht)\\b',
);
/** A request ("could you …", "can we …"): an action or a concrete promise answers it. */
export const REQUEST_QUESTION = cue(
  '^(and )?(can|could|would) (you|we)\\b',
  '^(konnen|konnten|wurden) (sie|wir)\\b',
);
export const YES_NO_ANSWER = cue(
  '^(yes|yep|no|nope|not|correct|exactly|unfortunately|sure|absolutely|good news)\\b',
  '\\b(yes|no),',
  "\\b(not|no|never|don'?t|doesn'?t|didn'?t|won'?t|isn'?t|aren'?t|cannot|can'?t|only)\\b",
  '^(ja|nein|leider|genau|richtig|sicher|naturlich)\\b',
  '^(nothing|none|neither)\\b',
  '\\b(nicht|kein|keine|keinen|nur)\\b',
);

/** "When", "how long": the answer names a time. */
export const ASKS_TIME = cue(
  '\\b(when|how long|how soon|what time|eta|by when)\\b',
  '\\b(wann|wie lange|bis wann|wie schnell)\\b',
);
export const TIME_EXPRESSION = cue(
  '\\b\\d{1,2}(:\\d\\d)? ?(am|pm|uhr|ist|cet|ct|utc|jst)\\b',
  '\\b\\d{1,2}:\\d\\d\\b',
  '\\b(within|in|after|up to) (the next )?(\\d+|a|an|one|two|three|few|couple of)( to \\d+)? ?(minutes?|hours?|days?|business days?|weeks?)\\b',
  '\\b(today|tonight|tomorrow|this (morning|afternoon|evening|week)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|immediately|right away|now)\\b',
  '\\b(innerhalb|in) (von )?(\\d+|wenigen|ein paar)( bis \\d+)? ?(minuten|stunden|tagen|tage|werktagen|wochen)\\b',
  '\\b(heute|morgen|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|sofort|gleich|wenige[n]? minuten)\\b',
  '\\b\\d{1,2}\\.? ?(january|february|march|april|may|june|july|august|september|october|november|december|januar|februar|marz|mai|juni|juli|oktober|dezember)\\b',
  '\\b(january|february|march|april|may|june|july|august|september|october|november|december) \\d{1,2}\\b',
);
/** "How long": the answer names a duration, not just a moment. */
export const ASKS_DURATION = cue('\\b(how long|how soon|wie lange|wie schnell)\\b');
export const DURATION = cue(
  '\\b(within|in|after|up to|about|around|takes?|only)?\\s?(\\d+|a|an|one|two|three|few|couple of|wenige|wenigen|ein paar)( to \\d+| bis \\d+)? ?(minutes?|hours?|days?|business days?|weeks?|minuten|stunden|tagen|tage|werktagen|wochen)\\b',
);
/** "What is the limit / price / version": the answer names a number. */
export const ASKS_VALUE = cue(
  '^(what|which) (is|are|was|were) (the|your|our)\\b',
  '^(was|welche[rsn]?) (ist|sind) (der|die|das)\\b',
);

/** "How much", "what does it cost": the answer names an amount. */
export const ASKS_AMOUNT = cue(
  '\\b(how much|cost|price|pricing|fee|charge for)\\b',
  '\\b(was kostet|was kosten|kosten|preis|gebuhr)\\b',
);
export const AMOUNT =
  /([$€£¥]|\b(usd|eur|gbp|aud|inr)\b) ?\d|\d[\d,.]* ?([$€£]|\b(usd|eur|gbp|aud|euro|dollars?|pounds?)\b)|\b(no (extra |additional )?(cost|charge|fee)|free of charge|at no cost|included in|kostenlos|ohne aufpreis|inklusive)\b/u;

/** "Why": the answer gives a cause. */
export const ASKS_CAUSE = cue(
  "\\b(why|how come|what caused|cause|what happened|what went wrong|what'?s going on|what is going on|what'?s happening)\\b",
  '\\b(warum|wieso|weshalb|woran|ursache|was ist passiert|was ist (da )?(schiefgelaufen|los))\\b',
);
export const CAUSE = cue(
  '\\b(because|due to|caused by|comes from|came from|since|as a result|was (rotated|blocked|changed|removed|dropped))\\b',
  '\\b(weil|da|wegen|durch|kommt von|liegt an|verursacht|umgestellt)\\b',
);

/** "Who": the answer names someone. */
export const ASKS_WHO = cue('\\b(who|whom)\\b', '\\b(wer|wem)\\b');
export const PERSON = /@|\bby [a-z]+\b|\b(admin|administrator|colleague|team)\b/u;

/** "How do I", "where": the answer gives steps or a place. */
export const ASKS_PROCEDURE = cue(
  '^(how (do|can|should) (i|we)|where (can|do|is)|which .* (should|do) (we|i) use|what do (you|i|we) need)',
  '^(wie (kann|konnen|lade|lege|andere|bekomme)|wo (kann|konnen|finde|bekomme|andere))',
);
/** Something done for the customer ("I've created a return", "ich habe … gebucht"). */
export const ACTION_DONE = cue(
  "\\b(i'?ve|we'?ve|i have|we have) (already )?(created|set up|sent|booked|attached|added|enabled|scheduled|arranged|refunded|removed|issued)\\b",
  '\\b(ich habe|wir haben) [^.]{0,40}(angelegt|gebucht|geschickt|eingerichtet|verschickt|erstattet)\\b',
);
export const PROCEDURE = cue(
  '→|->',
  ACTION_DONE.source,
  '\\b(open|go to|choose|click|select|tick|use|paste|enter|update|install|clear|upload|send|need)\\b',
  '\\b(unter|offnen|wahlen|klicken|tragen|installieren|laden|hochladen|braucht|brauchen)\\b',
);

/**
 * Sentences that tell the customer nothing yet: progress and intentions without content ("I will
 * check the logs", "Next update in 20 minutes", "Let me look into it"). Never an answer, never a
 * concrete commitment, never a resolution.
 */
export const FILLER = cue(
  "\\b(i|we) ?('ll| will| am going to| are going to|'m going to|'re going to) (also )?(check|look|have a look|take a look|investigate|find out|dig|review|come back|get back|keep you posted|keep you updated|update you|let you know|see what|take care|handle|look into)\\b",
  "^(let me|i'?m|we'?re|i am|we are) (check|look|investigat|review|escalat|dig|on it|working on it|looking|checking|reviewing|putting)",
  "\\b(next update|updates? (to follow|soon)|we are on it|we're on it|stay tuned|bear with us|thank(s| you) for (your patience|the details|reaching out|flagging|writing in|getting in touch|the heads-up))\\b",
  '^(sorry|apologies|i apologi[sz]e)\\b[^.]{0,40}[.!]?$',
  // Holding lines on a call or in chat: the answer, if any, comes after them.
  '\\b(give me a (moment|minute|second|sec)|one (moment|second|sec)|hold on|bear with me|einen (moment|augenblick)|moment bitte)\\b',
  // Asking someone else is not an answer yet ("let me find out", "ich frage bei der Entwicklung nach").
  "\\b(let me (find out|ask|check)|i'?ll (ask|check with|find out)|i'?m (still )?checking)\\b",
  '\\b(ich frage (bei|beim|im|in der|in|nach)\\b[^.]{0,40}\\bnach|(das|dies) (klare|prufe|kläre) ich|ich (habe|hab) (das|es) an [^.]{0,40} weitergegeben|ich gebe (das|es) weiter)\\b',
  '\\b(ich (schaue|sehe) mir das (an|sofort an)|ich (prufe|klare|kummere mich um) (das|darum|es)|ich kummere mich darum|ich melde mich\\.?$|nachstes update|wir arbeiten (mit hochdruck )?daran|ich bereite [^.]* vor$)\\b',
  '^(ich (prufe|klare) das)',
);

/** An intention to do something for the customer (first person, future). */
export const PROMISE = cue(
  "\\b(i|we) ?('ll| will| shall| am going to| are going to)\\b",
  "\\b(i'?m|we'?re) going to\\b",
  '\\b(and|then) will (update|send|call|confirm|email|message|share|book)\\b',
  // "… and you'll have it within one business day": a promise about what the customer will get.
  "\\byou ?('ll| will) (have|get|receive) (it|them|this|that|the \\w+) (within|by|in|before|tomorrow|today)\\b",
  '\\b(erhalten|bekommen) sie\\b',
  '\\b(ich werde|wir werden|werde ich|werden wir|ich melde mich|melden uns|melde mich|ich schicke|wir schicken|ich sende|wir senden|schicke (es|sie|ihnen)|ich rufe|wir rufen)\\b',
);
/**
 * Requirements phrased like promises ("we'll need …") are not promises; nor is coming back "as soon
 * as I know more" — it names no deliverable and no time.
 */
export const NOT_A_PROMISE = cue(
  "\\b(i|we) ?('ll| will) need\\b",
  "\\b(i|we) ?('d| would)\\b",
  '\\b(as soon as|once|when) (i|we) (know|hear|have|find out|learn) (more|something|anything|back)\\b',
  '\\bsobald (ich|wir) (mehr|etwas|neues|naheres|genaueres|bescheid) (weiss|wissen|habe|haben|hore|horen|erfahre|erfahren)\\b',
);
/** What makes a promise concrete: a deliverable or a time or condition. */
export const CONCRETE = cue(
  '\\b(send|email|mail|message|call|book|schedule|invite|confirm|credit|refund|switch|revert|reverted|ship|deliver|issue|publish|share|write)\\b',
  '\\b(as soon as|once|the moment|within|by (today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|end of)|today|tomorrow|this (afternoon|evening))\\b',
  '\\b(schicke|schicken|sende|senden|rufe|buche|bestatige|erstatte|bis (montag|dienstag|mittwoch|donnerstag|freitag|morgen|heute)|in \\d+ (minuten|stunden)|sobald|morgen|heute)\\b',
);

/**
 * Something the customer needs by a time they name: "by Friday", "before then", "until the 30th",
 * "bis Freitag", "spätestens am 15.", "am 1. Juli" — or a need ("we need", "must", "wir brauchen")
 * together with a day or a time ("need all nine working … on the 20th").
 */
export const DEADLINE = cue(
  '\\b(by|before|until|no later than) (then|that|tonight|today|tomorrow|noon|eod|end of (the )?(day|week|month|quarter)|the end of (the )?(day|week|month|quarter)|(this|next) (week|month|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\\d|the \\d|our \\w+|the (market|meeting|audit|review|demo|launch|deadline|close)|(january|february|march|april|may|june|july|august|september|october|november|december))',
  '\\b(deadline|at the latest|latest by)\\b',
  '\\b(we|they|our \\w+) (do|have|run|hold|start|open) [^.]{0,40}\\b(at|on) (\\d{1,2}(:\\d\\d)? ?(am|pm)|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b',
  '\\b(start|starts|open|opens|sign|signs|go live|goes live) on (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the \\d)',
  '\\btonight\\b',
  '\\b(bis (zum |spatestens )?(\\d+|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|heute|ende|dahin|nachsten|zum)|spatestens|heute bis|am \\d{1,2}\\. ?(januar|februar|marz|april|mai|juni|juli|august|september|oktober|november|dezember|des monats)|frist)\\b',
);
/** A need, for deadlines that name only a day or a time ("we need it on the 20th"). */
export const NEED = cue(
  "\\b(need|needs|must|have to|has to|got to|want|wants|require|requires|cannot|can't)\\b",
  '\\b(brauchen|braucht|brauche|mussen|muss|soll|sollen|mochten|benotigen)\\b',
);
export const DAY_OR_TIME = cue(
  '\\b(on|at|from) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|the \\d+(st|nd|rd|th)|\\d{1,2}(:\\d\\d)? ?(am|pm))\\b',
  '\\b(am|um|ab) (montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|\\d{1,2}( uhr|:\\d\\d|\\.))',
);

/** Urgency in the customer's words: every supported language. */
export const URGENT = cue(
  "\\b(urgent(ly)?|asap|as soon as possible|immediately|critical|emergency|outage|down|blocked|blocking|cannot (work|ship|log ?in|access|confirm|take|post)|can't (work|ship|log ?in|access)|locked out|production|deadline|severe|data loss|security (breach|incident)|breach|stuck|stopped|losing|lost|board|audit)\\b",
  '\\b\\d+ (orders?|customers?|users?|shipments?|stores?|trucks?) (are )?(stuck|affected|waiting|down|blocked|lost)\\b',
  '\\b(dringend\\w*|sofort\\w*|umgehend\\w*|kritisch\\w*|notfall|ausfall|ausgefallen|blockiert|produktion\\w*|frist|schnellstmoglich|eilig|schwerwiegend\\w*|datenverlust|sicherheitslucke|sicherheitsverletzung|steht still|stehen still|konnen (keine|nicht)|kann (keine|nicht)|komme nicht)\\b',
  '\\b(urgente|inmediatamente|bloqueado|caido|critico|emergencia)\\b',
  '\\b(urgent|immediatement|bloque|en panne|critique)\\b',
  '\\b(urgente|imediatamente|bloqueado|parado|critico|emergencia)\\b',
);

/** Steps the team took (notes, decisions, calls). */
export const STEP_TRIED = cue(
  '\\b(tried|attempted|restarted|rebooted|reinstalled|re-installed|reset|cleared|updated|upgraded|checked|verified|applied|disabled|enabled|rolled back|rollback|reproduced|reported|removed|revoked|refunded|locked|workaround|temporary (fix|solution))\\b',
  "\\b(we|i) ?(have|had|'ve) (already )?(\\w+ed|done|run|made|taken)\\b",
  '\\b(versucht|probiert|neu ?gestartet|neugestartet|neu installiert|zuruckgesetzt|geloscht|aktualisiert|uberpruft|gepruft|kontrolliert|angewandt|angewendet|deaktiviert|aktiviert|erstattet|gesperrt|umgehungslosung|vorubergehende losung|ubergangslosung)\\b',
  '\\b(bereits|schon) [^.!?]{0,60}\\b(ge\\w+t|ge\\w+en)\\b',
);
export const NEXT_STEP = cue(
  '\\b(next steps?|next:|to ?do|need to|needs to|have to|has to|should|plan to|escalate to|follow[- ]up|action item|please (send|provide|share|confirm|check|try))\\b',
  '\\b(nachste[rn]? schritte?|als nachstes|mussen|muss|sollten|sollte|planen|eskalieren|bitte (senden|schicken|teilen|bestatigen|prufen|versuchen|geben))\\b',
);
export const UNKNOWN = cue(
  "\\b(unknown|unclear|not sure|no idea|need to find out|still investigating|root cause|cannot reproduce|can't reproduce|waiting for|pending|eta unknown|need to confirm)\\b",
  '\\b(unbekannt|unklar|nicht sicher|noch offen|ursache|nicht reproduzier\\w*|warten auf|warte auf|ausstehend)\\b',
);
export const NEGATIVE = cue(
  '\\b(frustrat\\w*|angry|annoy\\w*|disappoint\\w*|unacceptable|terrible|awful|worst|upset|complain\\w*|cancel\\w*|still not|again|unhappy|ridiculous|useless|losing)\\b',
  '\\b(verargert|entt?ausch\\w*|frustriert\\w*|inakzeptabel|unzufrieden|argerlich|leider|schon wieder|immer noch|beschwerde|kundigen|katastroph\\w*|unmoglich|verlieren)\\b',
);
export const POSITIVE = cue(
  '\\b(thanks a lot|thank you so much|great|appreciate\\w*|perfect|works now|working now|working again|resolved|happy|excellent|awesome|fantastic|helpful|glad|wonderful|that was it)\\b',
  '\\b(super|perfekt|funktioniert (jetzt|wieder)|zufrieden|hervorragend|toll|prima|klasse|geholfen|gelost|freue)\\b',
);

/** A customer saying it works: the agent message before it holds the resolution. */
export const CONFIRMATION = cue(
  '\\b(works now|working now|working again|that (worked|fixed it|did it|was it)|it works|fixed|resolved|confirmed|all good|problem solved|back to normal|updating again)\\b',
  '\\b(funktioniert (jetzt|wieder)|das hat (funktioniert|geholfen)|lauft wieder|gelost|behoben|erledigt)\\b',
);
