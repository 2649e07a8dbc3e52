/**
 * The demo's resolved history: a few hundred past issues per queue, generated from phrase templates
 * (English and German, several channels), so that the learned router has something of this
 * organisation's own to learn from on first start. Nothing here comes from a third-party data set:
 * the texts are written for Baton and recombined with a seeded PRNG, so every seed is identical.
 *
 * Each queue is one of the queues a seeded team owns, and the reference flow's `classify` node
 * routes exactly these values.
 */
import type { Channel, Priority } from '@baton/schemas';

export interface HistoryTicket {
  queue: string;
  subject: string;
  body: string;
  answer: string;
  language: 'en' | 'de';
  channel: Channel;
  priority: Priority;
  type: 'Incident' | 'Request' | 'Problem' | 'Change';
  tags: string[];
}

interface QueueTemplates {
  queue: string;
  type: HistoryTicket['type'];
  tags: string[];
  priorities: Priority[];
  en: { subjects: string[]; bodies: string[]; details: string[]; answers: string[] };
  de: { subjects: string[]; bodies: string[]; details: string[]; answers: string[] };
}

export const HISTORY_QUEUES: readonly QueueTemplates[] = [
  {
    queue: 'Billing and Payments',
    type: 'Request',
    tags: ['billing'],
    priorities: ['medium', 'medium', 'high', 'low'],
    en: {
      subjects: [
        'Refund for a duplicate charge',
        'Charged twice this month',
        'Invoice shows the wrong amount',
        'Card payment declined on renewal',
        'Need a refund for unused seats',
        'VAT number missing on invoice',
        'Question about my last invoice',
        'Payment failed but money was taken',
      ],
      bodies: [
        'We were charged twice for the {month} subscription and need a refund of the second payment.',
        'Our invoice {invoice} lists {seats} seats but we only have {seatsLow} active users. Please correct the amount and refund the difference.',
        'The renewal payment with our company card was declined although the card is valid. How can we pay the invoice?',
        'Please refund the seats we removed last week; the credit card statement still shows the full amount.',
        'Our finance team needs the VAT number on invoice {invoice} before they can book it.',
        'The payment failed in the billing portal, but the amount was debited from our bank account.',
      ],
      details: [
        'Our accountant needs this before the month-end close.',
        'The transaction reference is {invoice}.',
        'We pay annually by card.',
        'Can you send a corrected invoice as PDF?',
        '',
      ],
      answers: [
        'I have refunded the duplicate payment; it will show on your card within 5 to 7 business days.',
        'I corrected the invoice to {seatsLow} seats and issued a credit note for the difference.',
        'I added the VAT number and re-issued invoice {invoice}; the new PDF is attached.',
        'The bank declined the charge for 3-D Secure; I sent a payment link you can complete in the portal.',
      ],
    },
    de: {
      subjects: [
        'Doppelte Abbuchung – Erstattung',
        'Rechnung mit falschem Betrag',
        'Zahlung abgelehnt bei Verlängerung',
        'Gutschrift für nicht genutzte Lizenzen',
        'Umsatzsteuer-ID fehlt auf der Rechnung',
      ],
      bodies: [
        'Uns wurde das Abonnement für {month} zweimal abgebucht. Bitte erstatten Sie die zweite Zahlung.',
        'Auf der Rechnung {invoice} stehen {seats} Lizenzen, wir nutzen aber nur {seatsLow}. Bitte korrigieren Sie den Betrag.',
        'Die Kreditkartenzahlung für die Verlängerung wurde abgelehnt, obwohl die Karte gültig ist.',
        'Unsere Buchhaltung braucht die Umsatzsteuer-ID auf der Rechnung {invoice}.',
      ],
      details: ['Bitte bis zum Monatsabschluss.', 'Die Buchungsreferenz ist {invoice}.', ''],
      answers: [
        'Ich habe die doppelte Zahlung erstattet; der Betrag ist in 5 bis 7 Werktagen wieder auf Ihrem Konto.',
        'Ich habe die Rechnung auf {seatsLow} Lizenzen korrigiert und eine Gutschrift erstellt.',
        'Die Rechnung {invoice} ist mit Umsatzsteuer-ID neu ausgestellt; das PDF liegt bei.',
      ],
    },
  },
  {
    queue: 'Technical Support',
    type: 'Problem',
    tags: ['api'],
    priorities: ['medium', 'high', 'medium', 'low'],
    en: {
      subjects: [
        'Webhook deliveries failing with 401',
        'API returns 429 too many requests',
        'Integration stopped syncing orders',
        'SDK throws timeout on upload',
        'OAuth token refresh fails',
        'Mobile app crashes when opening reports',
        'CSV export is empty',
      ],
      bodies: [
        'Since our deployment yesterday every webhook delivery to our endpoint fails with 401 and the retries pile up.',
        'Our integration calls /v2/orders about {seats} times a minute and now gets 429 responses. What are the rate limits?',
        'The connector stopped syncing orders from our shop around {time}; the log shows "invalid signature".',
        'Uploading files with the Python SDK times out after 30 seconds for anything above 20 MB.',
        'The OAuth refresh token request returns invalid_grant for all our users since this morning.',
        'The iOS app closes itself as soon as I open the reports tab. I reinstalled it already.',
      ],
      details: [
        'We are on API version v3.',
        'The request id is req-{invoice}.',
        'This affects our production integration.',
        'Logs are attached.',
        '',
      ],
      answers: [
        'The webhook secret was rotated; update the signing secret in your endpoint and the retries will succeed.',
        'The limit is 600 requests per minute per key; batching the order calls keeps you well below it.',
        'Enable multipart upload in the SDK (chunk_size=8MB); large files then upload without the timeout.',
        'We fixed a bug in the reports tab in app version 5.4.1; please update from the App Store.',
      ],
    },
    de: {
      subjects: [
        'Webhooks schlagen mit 401 fehl',
        'API liefert 429 zu viele Anfragen',
        'Schnittstelle synchronisiert keine Bestellungen mehr',
        'App stürzt beim Öffnen der Berichte ab',
      ],
      bodies: [
        'Seit unserem Deployment gestern schlagen alle Webhook-Zustellungen an unseren Endpunkt mit 401 fehl.',
        'Unsere Integration bekommt seit heute 429-Antworten von der API. Welche Limits gelten?',
        'Der Konnektor synchronisiert seit {time} keine Bestellungen mehr, im Log steht "invalid signature".',
        'Die iOS-App schließt sich, sobald ich den Bereich Berichte öffne. Neu installiert habe ich sie schon.',
      ],
      details: ['Wir nutzen API-Version v3.', 'Die Request-ID ist req-{invoice}.', ''],
      answers: [
        'Das Webhook-Secret wurde erneuert; bitte tragen Sie das neue Secret ein, dann laufen die Wiederholungen durch.',
        'Das Limit liegt bei 600 Anfragen pro Minute und Schlüssel; mit Batch-Aufrufen bleiben Sie darunter.',
        'Der Fehler ist in App-Version 5.4.1 behoben; bitte aktualisieren Sie die App.',
      ],
    },
  },
  {
    queue: 'Security Operations',
    type: 'Incident',
    tags: ['security'],
    priorities: ['high', 'high', 'critical', 'medium'],
    en: {
      subjects: [
        'Suspicious login from unknown country',
        'Phishing email pretending to be you',
        'Account possibly compromised',
        'Lost phone with 2FA app',
        'Unknown API key in our account',
      ],
      bodies: [
        'We got a login alert for {name} from a country where nobody of us works. Please lock the account.',
        'Several of our staff received an email that looks like your password reset mail but links to another domain.',
        'Someone changed the payout details in our account last night and none of us did it.',
        'I lost my phone with the authenticator app and cannot log in with two-factor authentication.',
        'There is an API key named "sync" in our account that nobody here created.',
      ],
      details: ['Please treat this as urgent.', 'We have already changed our passwords.', ''],
      answers: [
        'I locked the account, ended all sessions and reset the credentials; the login came from a known credential-stuffing range.',
        'That email is phishing; we reported the domain for takedown. Please do not enter credentials there.',
        'I verified your identity and reset two-factor authentication; you can enrol your new phone now.',
        'I revoked the unknown API key and the audit log shows it was created with a leaked password; please rotate all keys.',
      ],
    },
    de: {
      subjects: [
        'Verdächtige Anmeldung aus dem Ausland',
        'Phishing-Mail in Ihrem Namen',
        'Konto möglicherweise kompromittiert',
        'Handy mit 2FA-App verloren',
      ],
      bodies: [
        'Wir haben eine Anmeldewarnung für {name} aus einem Land bekommen, in dem niemand von uns arbeitet. Bitte sperren Sie das Konto.',
        'Mehrere Mitarbeitende haben eine Mail bekommen, die wie Ihre Passwort-Mail aussieht, aber auf eine andere Domain verlinkt.',
        'Ich habe mein Handy mit der Authenticator-App verloren und komme mit der Zwei-Faktor-Anmeldung nicht mehr hinein.',
      ],
      details: ['Bitte dringend bearbeiten.', 'Passwörter haben wir schon geändert.', ''],
      answers: [
        'Ich habe das Konto gesperrt, alle Sitzungen beendet und die Zugangsdaten zurückgesetzt.',
        'Die Mail ist Phishing; wir haben die Domain zur Abschaltung gemeldet.',
        'Ich habe Ihre Identität geprüft und die Zwei-Faktor-Anmeldung zurückgesetzt.',
      ],
    },
  },
  {
    queue: 'Service Outages and Maintenance',
    type: 'Incident',
    tags: ['outage'],
    priorities: ['critical', 'high', 'critical'],
    en: {
      subjects: [
        'Dashboard down for all users',
        'Error 503 on every request',
        'Service unavailable since this morning',
        'Platform not loading in the EU region',
        'Scheduled maintenance took longer than announced',
      ],
      bodies: [
        'Nobody in our company can open the dashboard, it just shows error 503. Is there an outage?',
        'All API requests fail with 503 Service Unavailable since {time}. Our operations are stopped.',
        'The platform does not load for any of our {seats} users in the EU region.',
        'The maintenance window ended an hour ago but the service is still unavailable.',
      ],
      details: ['Our status page monitor shows red.', 'This is blocking production.', ''],
      answers: [
        'There was an incident in the EU region caused by a failed database failover; service is restored and we will publish a root-cause report.',
        'A configuration change was rolled back and error rates are back to normal.',
        'The maintenance overran because of a slow migration; it is complete and everything is available again.',
      ],
    },
    de: {
      subjects: [
        'Dashboard für alle Nutzer nicht erreichbar',
        'Fehler 503 bei jeder Anfrage',
        'Plattform lädt nicht',
      ],
      bodies: [
        'Niemand bei uns kann das Dashboard öffnen, es kommt nur Fehler 503. Gibt es einen Ausfall?',
        'Alle Anfragen schlagen seit {time} mit 503 fehl. Unser Betrieb steht still.',
        'Die Plattform lädt für keinen unserer {seats} Nutzer.',
      ],
      details: ['Das blockiert die Produktion.', ''],
      answers: [
        'Es gab einen Ausfall in der EU-Region durch einen fehlgeschlagenen Datenbank-Failover; der Dienst läuft wieder.',
        'Eine Konfigurationsänderung wurde zurückgenommen, die Fehlerrate ist wieder normal.',
      ],
    },
  },
  {
    queue: 'General Inquiry',
    type: 'Request',
    tags: ['how-to'],
    priorities: ['low', 'medium', 'low'],
    en: {
      subjects: [
        'How do I add a new user?',
        'Where can I change my email address?',
        'Question about exporting reports',
        'Can we change the language of the interface?',
        'How to set up notifications',
      ],
      bodies: [
        'How can I invite a colleague to our workspace? I cannot find the button.',
        'I would like to change the email address I use to log in. Where is that setting?',
        'Is it possible to schedule a weekly export of the sales report?',
        'Some of our team prefer another interface language. Can each user pick their own?',
        'How do I get an email when a report finishes?',
      ],
      details: ['Thanks for the help.', 'We are new to the product.', ''],
      answers: [
        'Go to Settings → Members → Invite, enter the email address and pick a role.',
        'Open your profile, choose Email and confirm the new address from the message we send you.',
        'Yes: open the report, choose Schedule and pick weekly; the export is emailed as CSV.',
        'Each user can choose the language under Profile → Preferences.',
        'Under Settings → Notifications, turn on "Report finished" and choose email.',
      ],
    },
    de: {
      subjects: [
        'Wie füge ich einen Nutzer hinzu?',
        'Wo ändere ich meine E-Mail-Adresse?',
        'Frage zum Export von Berichten',
      ],
      bodies: [
        'Wie lade ich eine Kollegin in unseren Arbeitsbereich ein? Ich finde den Knopf nicht.',
        'Ich möchte die E-Mail-Adresse für meine Anmeldung ändern. Wo geht das?',
        'Kann man den Verkaufsbericht wöchentlich automatisch exportieren?',
      ],
      details: ['Danke für die Hilfe.', ''],
      answers: [
        'Unter Einstellungen → Mitglieder → Einladen die Adresse eintragen und eine Rolle wählen.',
        'Im Profil unter E-Mail die neue Adresse eintragen und in der Bestätigungsmail bestätigen.',
        'Ja: Bericht öffnen, Planen wählen, wöchentlich einstellen; der Export kommt als CSV per Mail.',
      ],
    },
  },
  {
    queue: 'Returns and Exchanges',
    type: 'Request',
    tags: ['returns'],
    priorities: ['low', 'medium'],
    en: {
      subjects: [
        'Return a damaged scanner',
        'Exchange the card reader for another model',
        'Hardware arrived broken',
        'Return label for a wrong delivery',
      ],
      bodies: [
        'One of the barcode scanners we ordered arrived with a cracked screen. How do we return it?',
        'We ordered the wrong card reader model and would like to exchange it for the countertop version.',
        'The receipt printer in order {invoice} does not power on. Can we get a replacement?',
        'We received two docking stations instead of one; please send a return label for the extra one.',
      ],
      details: ['The box is unopened.', 'Order number {invoice}.', ''],
      answers: [
        'I created a return with a prepaid label; the replacement ships as soon as the carrier scans the parcel.',
        'The exchange is booked; send the reader back with the attached label and the countertop model ships today.',
        'A replacement printer ships today; send the broken one back with the prepaid label in the parcel.',
        'The return label for the extra docking station is attached; drop it at any carrier point.',
      ],
    },
    de: {
      subjects: ['Defekten Scanner zurücksenden', 'Kartenleser umtauschen', 'Hardware kam beschädigt an'],
      bodies: [
        'Einer der bestellten Barcode-Scanner kam mit gesprungenem Display an. Wie senden wir ihn zurück?',
        'Wir haben das falsche Kartenlesegerät bestellt und möchten es umtauschen.',
        'Der Bondrucker aus Bestellung {invoice} lässt sich nicht einschalten.',
      ],
      details: ['Die Verpackung ist ungeöffnet.', ''],
      answers: [
        'Ich habe eine Rücksendung mit frankiertem Etikett angelegt; der Ersatz geht raus, sobald das Paket gescannt ist.',
        'Der Umtausch ist gebucht; das neue Gerät wird heute verschickt.',
        'Ein Ersatzdrucker geht heute raus; das defekte Gerät senden Sie mit dem beiliegenden Etikett zurück.',
      ],
    },
  },
  {
    queue: 'Customer Onboarding',
    type: 'Request',
    tags: ['onboarding'],
    priorities: ['medium', 'low'],
    en: {
      subjects: [
        'Help setting up SSO for our rollout',
        'Onboarding call for the new team',
        'Importing our users from a CSV',
        'Kick-off for the enterprise trial',
      ],
      bodies: [
        'We are rolling the product out to {seats} people next month and want single sign-on with Okta from day one.',
        'Could we schedule an onboarding session for our support team of {seatsLow}?',
        'We have a CSV with all our users and their roles. Can we import it instead of inviting everyone?',
        'We just signed the trial and would like a kick-off call to plan the rollout.',
      ],
      details: ['Our go-live date is the first of the month.', ''],
      answers: [
        'I sent the SAML metadata and a step-by-step guide for Okta; we can test the connection together on Thursday.',
        'The onboarding session is booked; the invitation with the agenda is in your inbox.',
        'Yes: Settings → Members → Import accepts the CSV; I checked your file and it is ready to upload.',
        'The kick-off call is booked for Monday; I attached a rollout plan to fill in beforehand.',
      ],
    },
    de: {
      subjects: ['Hilfe bei der SSO-Einrichtung', 'Onboarding-Termin für das neue Team'],
      bodies: [
        'Wir führen das Produkt nächsten Monat für {seats} Personen ein und möchten von Anfang an Single Sign-on mit Azure AD.',
        'Können wir eine Einführung für unser Support-Team mit {seatsLow} Personen vereinbaren?',
      ],
      details: ['Der Start ist zum Monatsersten geplant.', ''],
      answers: [
        'Ich habe die SAML-Metadaten und eine Anleitung für Azure AD geschickt; wir testen die Verbindung am Donnerstag gemeinsam.',
        'Der Einführungstermin steht; die Einladung mit Agenda ist unterwegs.',
      ],
    },
  },
  {
    queue: 'Account Management',
    type: 'Change',
    tags: ['account'],
    priorities: ['medium', 'low'],
    en: {
      subjects: [
        'Upgrade to the Enterprise plan',
        'Add 20 seats before renewal',
        'Renewal quote for next year',
        'Change the account owner',
      ],
      bodies: [
        'We would like to move from Business to Enterprise for the data residency option. What would that cost?',
        'Our team grows next quarter; please add {seatsLow} seats and tell us the pro-rated price.',
        'Our contract renews in {month}. Could you send a quote for {seats} seats?',
        'Our former admin left the company; please make {name} the account owner.',
      ],
      details: ['Procurement needs the quote this month.', ''],
      answers: [
        'I sent the Enterprise quote with data residency; your account manager will walk you through it on Tuesday.',
        'The seats are added; the pro-rated amount appears on your next invoice.',
        'The renewal quote is in your inbox; it is valid until the end of the month.',
        'The account owner is changed after we verified the request with your second admin.',
      ],
    },
    de: {
      subjects: ['Wechsel auf den Enterprise-Tarif', 'Angebot für die Verlängerung'],
      bodies: [
        'Wir möchten wegen der Datenresidenz von Business auf Enterprise wechseln. Was kostet das?',
        'Unser Vertrag verlängert sich im {month}. Bitte schicken Sie ein Angebot für {seats} Lizenzen.',
      ],
      details: ['Der Einkauf braucht das Angebot diesen Monat.', ''],
      answers: [
        'Ich habe das Enterprise-Angebot mit Datenresidenz geschickt; Ihre Ansprechpartnerin geht es am Dienstag mit Ihnen durch.',
        'Das Angebot für die Verlängerung ist unterwegs.',
      ],
    },
  },
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'September', 'October'];
const NAMES = ['Jordan Lee', 'Sam Fischer', 'Alex Novak', 'Robin Schulz', 'Kim Harris'];
const CHANNELS: Channel[] = ['email', 'email', 'chat', 'web', 'phone'];

/** `count` tickets per queue, from the templates, the same for the same `random`. */
export function generateHistory(random: () => number, perQueue = 36): HistoryTicket[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const fill = (text: string) =>
    text
      .replace(/\{month\}/g, () => pick(MONTHS))
      .replace(/\{invoice\}/g, () => `INV-${10_000 + Math.floor(random() * 89_999)}`)
      .replace(/\{seats\}/g, () => String(20 + Math.floor(random() * 280)))
      .replace(/\{seatsLow\}/g, () => String(3 + Math.floor(random() * 15)))
      .replace(
        /\{time\}/g,
        () => `${String(6 + Math.floor(random() * 12)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}`,
      )
      .replace(/\{name\}/g, () => pick(NAMES));
  const out: HistoryTicket[] = [];
  for (const q of HISTORY_QUEUES) {
    for (let i = 0; i < perQueue; i++) {
      // About a quarter in German, as the demo's customers write.
      const language = random() < 0.25 ? 'de' : 'en';
      const t = q[language];
      const detail = fill(pick(t.details));
      // Where a language's subjects, bodies and answers are written as one case per line, a ticket
      // keeps its case together ("How do I add a new user?" is answered with how to invite one);
      // elsewhere (outages, say) any answer fits any report and they are recombined.
      const aligned = t.bodies.length === t.subjects.length && t.answers.length === t.subjects.length;
      const at = Math.floor(random() * t.subjects.length);
      const choose = (list: readonly string[]) => (aligned ? (list[at] as string) : pick(list));
      out.push({
        queue: q.queue,
        subject: fill(t.subjects[at] as string),
        body: [fill(choose(t.bodies)), detail].filter(Boolean).join(' '),
        answer: fill(choose(t.answers)),
        language,
        channel: pick(CHANNELS),
        priority: pick(q.priorities),
        type: q.type,
        // Marked, so that lists can tell the generated past from the demo's stories.
        tags: [...q.tags, 'demo-history'],
      });
    }
  }
  return out;
}
