/**
 * The demo issues, each a short support story told as timed steps: what the customer wrote, who
 * picked it up, notes between agents, handoffs between tiers, calls, CRM changes and the outcome.
 * Times are minutes: `openedAgo` before the moment of seeding, each step's `at` after the issue
 * opened (strictly increasing within an issue).
 */
import type { Channel, IssueStatus, Priority } from '@baton/schemas';
import type { AgentKey, CustomerKey, TeamKey } from './people.ts';

/** Minutes from days, hours and minutes. */
export const t = (days: number, hours = 0, minutes = 0): number => days * 1440 + hours * 60 + minutes;

/** A CRM update always comes from an integration; `by` names it. */
export type CrmFields = Record<string, string | number | boolean | null>;

/** `[speaker, startSec, endSec, text]` */
export type Segment = [speaker: string, startSec: number, endSec: number, text: string];

export type Step = { at: number } & (
  | { customer: string }
  | { reply: string; by: AgentKey; channel?: Channel }
  | { note: string; by: AgentKey }
  | { call: Segment[]; by: AgentKey }
  | { crm: CrmFields; source: string }
  /** `by` omitted: the routing system assigned it. */
  | { assign: { team: TeamKey; agent?: AgentKey }; by?: AgentKey }
  /** `by` omitted: an automation (auto-close) did it. */
  | { status: IssueStatus; by?: AgentKey }
  | { set: { priority?: Priority; tags?: string[]; queue?: string }; by: AgentKey }
);

export interface Story {
  customer: CustomerKey;
  subject: string;
  body: string;
  channel: Channel;
  priority: Priority;
  queue: string;
  type: 'Incident' | 'Request' | 'Problem' | 'Change';
  language?: string;
  tags: string[];
  openedAgo: number;
  steps: Step[];
}

export const STORIES: readonly Story[] = [
  // 1. An outage: Tier 1 takes the chat, hands it to Technical Support, which pulls in Platform
  //    Engineering; a call, a rollback, an incident summary and an SLA credit in the CRM.
  {
    customer: 'maya',
    subject: 'API returning 503 errors for all shipment updates',
    body: 'Since about 09:40 our time every call to /v2/shipments returns 503 Service Unavailable. Our warehouse scanners cannot post status updates and drivers are queuing at the dock. This is blocking all three distribution centers. Is there an incident?',
    channel: 'chat',
    priority: 'critical',
    queue: 'Service Outages and Maintenance',
    type: 'Incident',
    tags: ['outage', 'api', 'sla-risk'],
    openedAgo: t(2, 5),
    steps: [
      { at: 1, assign: { team: 'tier1', agent: 'marcus' } },
      {
        at: 4,
        by: 'marcus',
        reply:
          "Hi Maya, thanks for flagging this so quickly. I can reproduce the 503s on the shipments endpoint from our side as well. I'm escalating to our technical team right now and will stay on this chat with you.",
      },
      {
        at: 6,
        by: 'marcus',
        note: 'Reproduced: 503 on POST /v2/shipments from us-east, GET works. Status page still green. Northwind is enterprise with 3 DCs down, handing to Technical Support.',
      },
      { at: 7, by: 'marcus', assign: { team: 'tech', agent: 'daniel' } },
      {
        at: 15,
        by: 'daniel',
        note: "Load balancer health checks failing for the write pool since this morning's config push (CHG-2291). Paging Platform Engineering for a rollback.",
      },
      { at: 16, by: 'daniel', assign: { team: 'platform', agent: 'priya' } },
      {
        at: 20,
        by: 'daniel',
        reply:
          "Maya, this is Daniel from Technical Support. We've confirmed an incident affecting write requests to the shipments API in the US region; reads are unaffected. Our platform engineers are rolling back a configuration change now. Next update in 20 minutes or sooner.",
      },
      {
        at: 24,
        customer:
          'Thanks Daniel. Are the updates our scanners sent during the outage lost, or will they retry? We need to know whether to re-scan this morning’s pallets.',
      },
      {
        at: 30,
        by: 'daniel',
        call: [
          [
            'Daniel Kim',
            0,
            14,
            'Hi Maya, Daniel here. I wanted to walk you through where we are rather than keep typing.',
          ],
          [
            'Maya Patel',
            15,
            31,
            'Appreciated. My ops lead is asking whether we need to re-scan the pallets from this morning.',
          ],
          [
            'Daniel Kim',
            32,
            71,
            "Short answer: no. Your scanners use our SDK, which queues failed writes on the device and retries with backoff for up to six hours. Once writes are back they'll drain on their own.",
          ],
          ['Maya Patel', 72, 88, 'Okay. And the rollback, how long will that take?'],
          [
            'Daniel Kim',
            89,
            130,
            "Priya on our platform team has started it. We expect writes to recover in the next ten to fifteen minutes. I'll confirm in the chat as soon as the error rate drops.",
          ],
          [
            'Maya Patel',
            131,
            150,
            'Please also send something I can forward to our VP. She will ask about the SLA.',
          ],
          [
            'Daniel Kim',
            151,
            190,
            "Will do. You'll get a written incident summary today, and a full root-cause report within five business days that includes the SLA credit.",
          ],
          ['Maya Patel', 191, 199, 'Good. Thank you.'],
        ],
      },
      {
        at: 38,
        by: 'priya',
        note: 'Rollback of CHG-2291 complete. 5xx rate on the write pool back to baseline (0.02%). Keeping INC-3107 open for 30 minutes of monitoring.',
      },
      {
        at: 42,
        by: 'daniel',
        reply:
          "Writes to the shipments API are recovering and our error rate is back to normal. Your scanners should be draining their queued updates now, so there's no need to re-scan. We're monitoring for another 30 minutes.",
      },
      {
        at: 55,
        customer:
          'Confirmed, the dock screens are updating again and the backlog is clearing. Thank you all.',
      },
      {
        at: 75,
        by: 'daniel',
        reply:
          'Here is the incident summary you asked for:\n\n• Impact: write requests to /v2/shipments in the US region returned 503 from 09:41 to 10:19 CT (38 minutes). Reads were not affected.\n• Cause: a load balancer configuration change removed the write pool from rotation.\n• Resolution: the change was rolled back; updates queued by the SDK were delivered automatically.\n\nThe root-cause report with the SLA credit follows within five business days.',
      },
      { at: 80, by: 'daniel', status: 'resolved' },
      {
        at: t(1, 3),
        source: 'Salesforce',
        crm: {
          account: 'ACC-1042',
          incident: 'INC-3107',
          slaCreditApproved: true,
          slaCreditAmount: 1850,
          currency: 'USD',
        },
      },
      {
        at: t(1, 4),
        by: 'emily',
        note: "Talked to Maya's VP. They appreciated the proactive summary; the SLA credit goes on the next invoice. Root-cause report due Friday.",
      },
    ],
  },

  // 2. The same outage seen by another customer; a reply after the fix reopens, then resolves.
  {
    customer: 'zoe',
    subject: 'Order sync failing: "503 Service Unavailable"',
    body: "Hi team, our POS keeps showing 'Sync failed: 503 Service Unavailable' when pushing orders from our stores. Started maybe 20 minutes ago. Is something down on your end?\n\nZoe, Bluegum Retail",
    channel: 'email',
    priority: 'high',
    queue: 'Technical Support',
    type: 'Incident',
    tags: ['outage', 'pos', 'integration'],
    openedAgo: t(2, 4, 40),
    steps: [
      { at: 3, assign: { team: 'tier1', agent: 'lena' } },
      {
        at: 10,
        by: 'lena',
        note: "Same symptom as Northwind's chat: known incident INC-3107 (503s on the write pool). Replying with the incident update.",
      },
      {
        at: 12,
        by: 'lena',
        reply:
          "Hi Zoe, thanks for getting in touch. We're aware of an incident affecting write requests to our API and our engineers are rolling back the change that caused it. Your POS retries failed order syncs automatically once service is restored, so no orders will be lost. I'll update you as soon as it's resolved.",
      },
      { at: 13, by: 'lena', status: 'pending' },
      {
        at: 45,
        by: 'lena',
        reply:
          "Good news: the incident is resolved and write requests are back to normal. Your queued orders should have synced over the last few minutes. If an order is still missing, reply with its number and I'll check it for you.",
      },
      { at: 140, customer: 'All orders came through, thanks Lena!' },
      { at: 150, by: 'lena', status: 'resolved' },
    ],
  },

  // 3. Not our fault after all: late webhooks caused by the customer's firewall. Waiting on them.
  {
    customer: 'kenji',
    subject: 'Webhook deliveries delayed by up to 40 minutes',
    body: 'Hello, since yesterday our order.updated webhooks arrive 20 to 40 minutes late. Our fleet scheduler depends on these events, so late webhooks mean robots sit idle. Two example delivery IDs: whd_8842913 and whd_8843077. Please investigate.\n\nBest regards,\nKenji Watanabe',
    channel: 'email',
    priority: 'high',
    queue: 'Technical Support',
    type: 'Problem',
    tags: ['webhooks', 'latency'],
    openedAgo: t(1, 20),
    steps: [
      { at: 5, assign: { team: 'tech', agent: 'haruto' } },
      {
        at: 40,
        by: 'haruto',
        note: 'Both deliveries sat in the retry queue: first attempt hit a TLS handshake timeout at their endpoint, then retries after 5/15/30 min. Their endpoint has been slow to handshake since ~08:00 JST. Nothing wrong on our side.',
      },
      {
        at: 55,
        by: 'haruto',
        reply:
          "Watanabe-san, thank you for the delivery IDs. Both webhooks were sent on time, but your endpoint didn't complete the TLS handshake within our 10-second limit, so they were retried after 5, 15 and 30 minutes. This started around 08:00 JST. Was a certificate or firewall change made on your side around then? Until it's fixed, you can poll GET /v2/orders?updated_since=… as a fallback.",
      },
      { at: 56, by: 'haruto', status: 'pending' },
      {
        at: t(1),
        customer:
          'Thank you Sato-san. Our infrastructure team found that a new WAF rule was inspecting TLS on the webhook path. They will deploy a fix tonight. Could you keep the ticket open until we confirm?',
      },
      {
        at: t(1, 0, 10),
        by: 'haruto',
        reply:
          "Of course. I'll keep it open and check the delivery latency for your endpoint tomorrow morning.",
      },
      { at: t(1, 0, 12), by: 'haruto', status: 'pending' },
    ],
  },

  // 4. A billing dispute in German: Tier 1 triages and relays, Billing refunds.
  {
    customer: 'felix',
    subject: 'Doppelte Abbuchung der Märzrechnung',
    body: 'Guten Tag,\n\nuns wurde die Rechnung RE-2026-0318 für März zweimal von der Kreditkarte abgebucht (je 1.249,00 €, am 3. und am 4. März). Bitte erstatten Sie die doppelte Zahlung und bestätigen Sie mir das kurz schriftlich.\n\nMit freundlichen Grüßen\nFelix Braun\nBrauhaus Digital GmbH',
    channel: 'email',
    priority: 'high',
    queue: 'Billing and Payments',
    type: 'Problem',
    language: 'de',
    tags: ['billing', 'double-charge', 'refund'],
    openedAgo: t(4),
    steps: [
      { at: 8, assign: { team: 'tier1', agent: 'lena' } },
      {
        at: 20,
        by: 'lena',
        reply:
          'Guten Tag Herr Braun,\n\nvielen Dank für Ihre Nachricht. Ich sehe die beiden Zahlungen vom 3. und 4. März und habe den Fall an unser Billing-Team übergeben. Sie hören spätestens morgen von uns.\n\nViele Grüße\nLena Hoffmann',
      },
      {
        at: 22,
        by: 'lena',
        note: 'Two captures of 1,249.00 EUR for invoice RE-2026-0318. Looks like the payment retry after a 3-D Secure timeout captured a second time. Handing to Billing; the customer writes German, I will relay the answer.',
      },
      { at: 23, by: 'lena', assign: { team: 'billing', agent: 'aisha' } },
      {
        at: t(0, 4),
        by: 'aisha',
        note: 'Confirmed duplicate capture caused by the payment retry job (bug BILL-412, fixed last week). Refunded 1,249.00 EUR to the original card; 5–10 business days. Lena, over to you for the reply.',
      },
      {
        at: t(0, 4, 5),
        source: 'Salesforce',
        crm: { invoice: 'RE-2026-0318', refundStatus: 'issued', refundAmount: 1249, currency: 'EUR' },
      },
      {
        at: t(0, 4, 20),
        by: 'lena',
        reply:
          'Guten Tag Herr Braun,\n\nunser Billing-Team hat die doppelte Abbuchung bestätigt und 1.249,00 € auf Ihre Kreditkarte zurückerstattet. Je nach Bank dauert die Gutschrift 5 bis 10 Werktage. Ursache war ein Fehler bei der automatischen Zahlungswiederholung, den wir inzwischen behoben haben. Bitte entschuldigen Sie die Unannehmlichkeiten.\n\nViele Grüße\nLena Hoffmann',
      },
      { at: t(0, 4, 22), by: 'lena', status: 'pending' },
      { at: t(3), customer: 'Die Gutschrift ist heute eingegangen. Vielen Dank für die schnelle Klärung!' },
      { at: t(3, 0, 10), by: 'lena', status: 'resolved' },
    ],
  },

  // 5. A seat-count dispute that Billing escalates to Customer Success; waiting on Finance.
  {
    customer: 'oliver',
    subject: 'Invoiced for 25 seats, we only have 18 users',
    body: 'Hello,\n\nOur latest invoice (INV-55012) charges us for 25 seats, but only 18 people at Grant & Hale have ever logged in. We asked to reduce our seat count in January when the litigation team moved to another tool. Please correct the invoice and confirm what we will be billed going forward.\n\nKind regards,\nOliver Grant\nOperations Director',
    channel: 'email',
    priority: 'medium',
    queue: 'Account & Billing Management',
    type: 'Problem',
    tags: ['billing', 'seats', 'escalated'],
    openedAgo: t(6),
    steps: [
      { at: 15, assign: { team: 'billing', agent: 'grace' } },
      {
        at: 90,
        by: 'grace',
        note: 'Their January reduction request went to their former account manager by email and never reached Billing. Contract: reductions take effect at renewal (April), so the invoice is technically right, but we never acknowledged the request. Needs a commercial decision: escalating to Customer Success.',
      },
      {
        at: 95,
        by: 'grace',
        reply:
          "Dear Oliver,\n\nThank you for the detail. I can see your request from January to reduce to 18 seats. Under your agreement, seat reductions take effect at the next renewal, but your request was never acknowledged, and that's our mistake. I've asked our Customer Success team to review a credit for the difference; you'll hear from them within two business days.\n\nBest regards,\nGrace Okafor",
      },
      { at: 96, by: 'grace', assign: { team: 'success', agent: 'emily' } },
      { at: 97, by: 'grace', status: 'on_hold' },
      {
        at: t(1, 2),
        by: 'emily',
        note: 'Proposed to Finance: credit 7 seats × 3 months × £38 = £798 and move to 18 seats now instead of at renewal. Waiting on approval (FIN-2207).',
      },
      {
        at: t(1, 2, 5),
        by: 'emily',
        reply:
          "Hi Oliver, I'm Emily from Customer Success and I'm looking after this now. I've proposed crediting the seven unused seats for February to April and moving you to 18 seats immediately. I'm waiting for our finance team's sign-off and will confirm by Friday.",
      },
    ],
  },

  // 6. A security incident on the phone, in German: credential stuffing against admin accounts.
  {
    customer: 'hannah',
    subject: 'Verdächtige Anmeldeversuche auf Administratorkonten',
    body: 'Seit heute Nacht sehen wir im Audit-Log Hunderte fehlgeschlagene Anmeldeversuche auf drei Administratorkonten, aus IP-Bereichen in mehreren Ländern. Ein Konto ist inzwischen gesperrt. Wir befürchten einen gezielten Angriff und brauchen sofort Unterstützung.',
    channel: 'phone',
    priority: 'critical',
    queue: 'Security Operations',
    type: 'Incident',
    language: 'de',
    tags: ['security', 'brute-force', 'admin-accounts'],
    openedAgo: t(0, 5),
    steps: [
      { at: 1, assign: { team: 'security', agent: 'camille' } },
      {
        at: 3,
        by: 'camille',
        call: [
          [
            'Camille Dubois',
            0,
            12,
            'Guten Morgen Frau Schmidt, hier ist Camille Dubois vom Security-Team. Ich habe Ihre Meldung vor mir.',
          ],
          [
            'Hannah Schmidt',
            13,
            40,
            'Guten Morgen. Wir sehen seit etwa zwei Uhr nachts Anmeldeversuche auf die Konten admin-it, admin-pacs und s.keller. Über vierhundert Versuche.',
          ],
          ['Camille Dubois', 41, 70, 'War bei einem der Konten eine Anmeldung erfolgreich?'],
          [
            'Hannah Schmidt',
            71,
            85,
            'Laut unserem Log nicht. Aber s.keller ist jetzt gesperrt, und Frau Keller kann nicht arbeiten.',
          ],
          [
            'Camille Dubois',
            86,
            150,
            'Verstanden. Ich aktiviere jetzt für Ihren Mandanten die verpflichtende Zwei-Faktor-Anmeldung für alle Administratoren und sperre die auffälligen IP-Bereiche. Frau Kellers Konto wird wieder frei, sobald sie ein neues Passwort gesetzt hat.',
          ],
          ['Hannah Schmidt', 151, 170, 'Einverstanden. Müssen wir das als Datenschutzvorfall melden?'],
          [
            'Camille Dubois',
            171,
            230,
            'Solange kein Zugriff erfolgreich war, vermutlich nicht, aber das entscheidet Ihre Datenschutzbeauftragte. Ich schicke Ihnen bis heute Mittag eine Auswertung aller Versuche, die Sie ihr vorlegen können.',
          ],
          ['Hannah Schmidt', 231, 240, 'Danke, das hilft uns sehr.'],
        ],
      },
      {
        at: 15,
        by: 'camille',
        note: 'Credential stuffing: 437 attempts from 61 IPs (mostly residential proxies), no successful login. Enforced MFA for all 12 admins of tenant kvn-prod, blocked three /24 ranges at the edge. Liam watches overnight (Sydney) in case it resumes.',
      },
      { at: 16, by: 'camille', set: { tags: ['security', 'brute-force', 'admin-accounts', 'mfa-enforced'] } },
      {
        at: 40,
        by: 'camille',
        channel: 'email',
        reply:
          'Sehr geehrte Frau Schmidt,\n\nwie besprochen haben wir für alle Administratorkonten Ihres Mandanten die Zwei-Faktor-Anmeldung verpflichtend gemacht und die auffälligen IP-Bereiche gesperrt. Nach unserer Auswertung war keiner der 437 Anmeldeversuche erfolgreich. Die vollständige Liste mit Zeitpunkten und IP-Adressen erhalten Sie bis 12 Uhr.\n\nFrau Keller kann ihr Konto über „Passwort vergessen“ wieder freischalten; danach wird sie zur Einrichtung des zweiten Faktors aufgefordert.\n\nMit freundlichen Grüßen\nCamille Dubois\nSecurity Operations',
      },
      {
        at: t(0, 3),
        customer:
          'Vielen Dank. Frau Keller ist wieder angemeldet. Wir warten auf die Auswertung für unsere Datenschutzbeauftragte.',
      },
      {
        at: t(0, 3, 20),
        by: 'camille',
        note: 'Report exported (attempts CSV and summary). Sending it once Legal has checked the wording.',
      },
    ],
  },

  // 7. Compliance evidence behind an NDA; a CRM update records the signed NDA.
  {
    customer: 'rohan',
    subject: 'Request for your SOC 2 Type II report',
    body: "Hi, our vendor risk team is doing its annual review. Could you share your latest SOC 2 Type II report and a bridge letter covering the period since? We're happy to sign an NDA if needed.\n\nThanks, Rohan",
    channel: 'web',
    priority: 'low',
    queue: 'Legal & Compliance Requests',
    type: 'Request',
    tags: ['compliance', 'soc2', 'vendor-review'],
    openedAgo: t(9),
    steps: [
      { at: 30, assign: { team: 'security', agent: 'camille' } },
      {
        at: 120,
        by: 'camille',
        reply:
          "Hi Rohan, happy to help. The SOC 2 Type II report is shared under NDA; I've sent our mutual NDA for e-signature to this address. As soon as it's signed you'll get access to our trust portal with the report and the current bridge letter.",
      },
      { at: 121, by: 'camille', status: 'pending' },
      { at: t(1, 6), customer: 'NDA signed just now.' },
      {
        at: t(1, 6, 5),
        source: 'Salesforce',
        crm: { ndaStatus: 'signed', trustPortalAccess: true, vendorReview: 'annual' },
      },
      {
        at: t(1, 6, 30),
        by: 'camille',
        reply:
          'Thanks Rohan, the trust portal invitation is on its way. The link is valid for 30 days; let me know if your team needs anything else for the review.',
      },
      { at: t(1, 6, 35), by: 'camille', status: 'resolved' },
    ],
  },

  // 8. A consumer account takeover, contained within the hour.
  {
    customer: 'ava',
    subject: "Got a password reset email I didn't request",
    body: "I just got two password reset emails from you that I did not request, and a 'new sign-in from Chrome on Windows' notification. I only use a Mac. Is someone in my account?? Please help.",
    channel: 'web',
    priority: 'high',
    queue: 'Security Operations',
    type: 'Incident',
    tags: ['security', 'account-takeover'],
    openedAgo: t(3, 2),
    steps: [
      { at: 3, assign: { team: 'security', agent: 'liam' } },
      {
        at: 9,
        by: 'liam',
        note: 'Successful password sign-in 38 min ago from a VPN exit node; probably a reused password. Revoked all sessions and forced a password reset. No changes to profile, data or billing.',
      },
      {
        at: 12,
        by: 'liam',
        reply:
          "Hi Ava, thanks for reporting this straight away. Someone signed in to your account about 40 minutes ago from a Windows computer using your password. I've signed out every session and locked the password, so they no longer have access, and we saw no changes to your data or settings.\n\nNext steps:\n1. Use the reset link we just sent to choose a new password you don't use anywhere else.\n2. Turn on two-step verification under Settings → Security.\n3. If you used the same password on other sites, change it there too.",
      },
      { at: 13, by: 'liam', status: 'pending' },
      {
        at: 50,
        customer:
          'Done: new password, and two-step verification is on. I did use that password for an old shopping site, changing it there now. Thank you!',
      },
      {
        at: 55,
        by: 'liam',
        reply:
          "Great work, Ava. Your account is secure. I'll close this now; just reply here if anything looks unusual.",
      },
      { at: 56, by: 'liam', status: 'resolved' },
    ],
  },

  // 9. Onboarding in Portuguese: SSO with Azure AD, a call booked.
  {
    customer: 'rafael',
    subject: 'Ajuda com a configuração do SSO (Azure AD)',
    body: 'Olá,\n\nestamos começando a implantação e queremos configurar o login único com o Azure AD para os 60 usuários da Verde Foods. Seguimos o guia, mas ao testar aparece o erro "AADSTS50011: reply URL does not match". Podem nos ajudar?\n\nObrigado,\nRafael Souza',
    channel: 'email',
    priority: 'medium',
    queue: 'Customer Onboarding',
    type: 'Request',
    language: 'pt',
    tags: ['onboarding', 'sso', 'azure-ad'],
    openedAgo: t(1, 3),
    steps: [
      { at: 20, assign: { team: 'success', agent: 'tomas' } },
      {
        at: 45,
        by: 'tomas',
        reply:
          'Olá Rafael,\n\nobrigado pela mensagem. Esse erro indica que a URL de resposta cadastrada no Azure AD não é exatamente igual à nossa. No aplicativo empresarial, em "Configuração básica de SAML", use:\n\nhttps://verdefoods.baton.example/auth/saml/callback\n\n(sem barra no final). Depois de salvar, teste de novo com um usuário atribuído ao aplicativo. Se quiser, podemos fazer uma chamada rápida amanhã às 10h (horário de Brasília) para concluir juntos.\n\nAbraço,\nTomás Ferreira',
      },
      { at: 46, by: 'tomas', status: 'pending' },
      {
        at: t(0, 18),
        customer:
          'Tomás, corrigimos a URL e o login funcionou para mim! Mas os usuários de outro grupo recebem "acesso negado". Podemos fazer a chamada amanhã às 10h?',
      },
      {
        at: t(0, 18, 20),
        by: 'tomas',
        reply:
          'Ótimo progresso! O "acesso negado" acontece porque só os usuários atribuídos ao aplicativo no Azure AD podem entrar: adicione o grupo "Verde-Todos" em Usuários e grupos. Confirmo a chamada amanhã às 10h, o convite já está no seu e-mail.',
      },
      {
        at: t(0, 18, 25),
        by: 'tomas',
        note: "Call booked for tomorrow 10:00 BRT. Plan: check group assignment, enable just-in-time provisioning, map the 'department' claim to teams.",
      },
    ],
  },

  // 10. Onboarding: bringing ticket history over from another helpdesk.
  {
    customer: 'zoe',
    subject: 'Importing our ticket history from Zendesk',
    body: "Hi there, we're moving our support team over next month. We have about 40,000 tickets in Zendesk going back to 2021. Can we bring the history across so agents can see a customer's past conversations? What format do you need?\n\nThanks, Zoe",
    channel: 'email',
    priority: 'low',
    queue: 'Customer Onboarding',
    type: 'Request',
    tags: ['onboarding', 'migration', 'zendesk'],
    openedAgo: t(8),
    steps: [
      { at: 60, assign: { team: 'success', agent: 'emily' } },
      {
        at: 180,
        by: 'emily',
        reply:
          "Hi Zoe, welcome aboard! Yes, history can be imported so each customer's past conversations show up on their timeline. The simplest route is a CSV export from Zendesk with one row per ticket: subject, description, the public reply, priority, tags and the requester's email. Re-running the import is safe, tickets that are already in are skipped. Would a test import of 500 tickets next week work for you?",
      },
      { at: 181, by: 'emily', status: 'pending' },
      { at: t(2), customer: "That sounds perfect. I'll send a sample export of 500 tickets by Wednesday." },
      {
        at: t(2, 0, 20),
        by: 'emily',
        note: 'Waiting for the sample export. Check that requester emails are present so customers merge correctly.',
      },
      { at: t(2, 0, 25), by: 'emily', status: 'pending' },
    ],
  },

  // 11. A feature question in French, answered on chat in minutes.
  {
    customer: 'chloe',
    subject: 'Export des rapports en PDF ?',
    body: "Bonjour, est-il possible d'exporter les rapports mensuels en PDF ? Je dois les envoyer à notre expert-comptable et pour l'instant je fais des captures d'écran…",
    channel: 'chat',
    priority: 'low',
    queue: 'Product Support',
    type: 'Request',
    language: 'fr',
    tags: ['reporting', 'export', 'how-to'],
    openedAgo: t(5, 1),
    steps: [
      { at: 2, assign: { team: 'tier1', agent: 'sofia' } },
      {
        at: 5,
        by: 'sofia',
        reply:
          "Bonjour Chloé ! Oui : ouvrez le rapport, cliquez sur « Exporter » en haut à droite et choisissez « PDF ». Vous pouvez aussi programmer un envoi automatique chaque mois via « Exporter » → « Planifier l'envoi », en indiquant l'adresse de votre expert-comptable.",
      },
      {
        at: 9,
        customer:
          "Parfait, je n'avais pas vu le bouton. Et l'envoi automatique, c'est génial. Merci beaucoup !",
      },
      { at: 10, by: 'sofia', reply: 'Avec plaisir, bonne journée !' },
      { at: 11, by: 'sofia', status: 'resolved' },
    ],
  },

  // 12. A feature question from a developer: the bulk endpoint.
  {
    customer: 'kenji',
    subject: 'Does the API support bulk updates of orders?',
    body: 'We need to update the status of about 5,000 orders at the end of each shift. Calling PATCH /v2/orders/{id} one by one takes several minutes and hits the rate limit. Is there a bulk endpoint?',
    channel: 'api',
    priority: 'medium',
    queue: 'Technical Support',
    type: 'Request',
    tags: ['api', 'how-to'],
    openedAgo: t(12),
    steps: [
      { at: 30, assign: { team: 'tech', agent: 'daniel' } },
      {
        at: 200,
        by: 'daniel',
        channel: 'email',
        reply:
          'Hi Kenji, yes: POST /v2/orders/bulk accepts up to 1,000 updates per request and processes them as one job. You get a job id back and can poll GET /v2/jobs/{id} or subscribe to the job.completed webhook. A bulk request counts once against your rate limit. Payload:\n\n{"updates": [{"id": "ord_123", "status": "delivered"}, …]}\n\nFive requests of 1,000 should finish well under a minute.',
      },
      { at: 202, by: 'daniel', status: 'pending' },
      { at: t(1), customer: 'Works great, a whole shift now updates in 40 seconds. Thanks Daniel.' },
      { at: t(1, 0, 10), by: 'daniel', status: 'resolved' },
    ],
  },

  // 13. Tier 1 reproduces a mobile crash in Spanish and hands it to Tier 2; fix scheduled.
  {
    customer: 'carmen',
    subject: 'La app se cierra al adjuntar fotos',
    body: 'Hola, desde la última actualización la aplicación se cierra cada vez que intento adjuntar una foto a una reserva. Uso un Samsung Galaxy A54 con Android 14. Ya la reinstalé y sigue igual.',
    channel: 'chat',
    priority: 'medium',
    queue: 'Technical Support',
    type: 'Problem',
    language: 'es',
    tags: ['mobile', 'android', 'crash'],
    openedAgo: t(2, 1),
    steps: [
      { at: 2, assign: { team: 'tier1', agent: 'sofia' } },
      {
        at: 4,
        by: 'sofia',
        reply:
          'Hola Carmen, gracias por los detalles. ¿Me dices qué versión de la app tienes (Ajustes → Acerca de) y si pasa también con fotos hechas con la cámara en ese momento, o solo con las de la galería?',
      },
      { at: 9, customer: 'Versión 5.12.0. Con la cámara funciona, solo falla desde la galería.' },
      {
        at: 14,
        by: 'sofia',
        note: 'Reproduced on an Android 14 emulator with 5.12.0: the gallery picker crashes on large photos (12 MP+). Not a settings issue, handing over to Technical Support with the repro steps.',
      },
      { at: 15, by: 'sofia', assign: { team: 'tech', agent: 'daniel' } },
      {
        at: 16,
        by: 'sofia',
        reply:
          'Gracias, Carmen. He podido reproducir el fallo y lo he pasado a nuestro equipo técnico, que ya está en ello. Mientras tanto, puedes adjuntar fotos haciéndolas con la cámara desde la app, o reducir su tamaño antes de adjuntarlas.',
      },
      {
        at: t(0, 3),
        by: 'daniel',
        note: 'Root cause: the 5.12.0 image picker decodes full-resolution HEIC before compressing, so devices with 6 GB RAM run out of memory. Fixed in 5.12.1 (MOB-2093), release candidate on Thursday.',
      },
      { at: t(0, 3, 5), by: 'daniel', set: { tags: ['mobile', 'android', 'crash', 'fix-scheduled'] } },
      {
        at: t(0, 3, 20),
        by: 'sofia',
        reply:
          'Carmen, nuestro equipo ha encontrado la causa: la versión 5.12.0 carga las fotos grandes de la galería a resolución completa y el teléfono se queda sin memoria. La corrección llegará con la versión 5.12.1, prevista para esta semana. Te aviso en cuanto esté disponible.',
      },
    ],
  },

  // 14. Three tiers in an hour: Tier 1 → Technical Support → Platform Engineering.
  {
    customer: 'rohan',
    subject: 'Data export job stuck at 99% for 6 hours',
    body: 'Our nightly full export (job exp_77120) has shown 99% since 02:00 IST. Our risk models run off this file at 09:00 and the team is blocked. Can someone look at this urgently?',
    channel: 'web',
    priority: 'high',
    queue: 'Data Analytics & Reporting',
    type: 'Incident',
    tags: ['export', 'data', 'escalated'],
    openedAgo: t(7),
    steps: [
      { at: 3, assign: { team: 'tier1', agent: 'yuki' } },
      {
        at: 8,
        by: 'yuki',
        reply:
          "Hi Rohan, sorry for the trouble. I've checked job exp_77120 and it is stuck in its final packaging step. I'm passing it to our technical team right away.",
      },
      { at: 9, by: 'yuki', assign: { team: 'tech', agent: 'haruto' } },
      {
        at: 25,
        by: 'haruto',
        note: "The export's last step waits on a lock held by the compaction task on shard 7 of the analytics cluster. Support tooling can't release it; needs Platform Engineering.",
      },
      { at: 26, by: 'haruto', assign: { team: 'platform', agent: 'priya' } },
      {
        at: 40,
        by: 'priya',
        note: 'Compaction on shard 7 hung after a disk latency spike. Killed it, lock released, export finished at 03:52 UTC. Opened PLAT-981 to add a lock timeout.',
      },
      {
        at: 45,
        by: 'priya',
        reply:
          "Hi Rohan, Priya from Platform Engineering. A maintenance task on our side was holding a lock the export needed. I've cleared it and your export finished a few minutes ago; the file is in the usual bucket. We're adding a timeout so a stuck maintenance task can't block exports again.",
      },
      { at: 70, customer: 'Got it, the models are running. Thanks for the fast turnaround.' },
      { at: 75, by: 'priya', status: 'resolved' },
    ],
  },

  // 15. A hardware return, resolved and later closed automatically.
  {
    customer: 'zoe',
    subject: 'Wrong barcode scanner model delivered',
    body: 'Hi, we ordered 12 BS-400 cordless scanners for our new store (order HW-20931) but received BS-200 corded ones. The store opens in 10 days. How do we swap them?\n\nZoe',
    channel: 'email',
    priority: 'medium',
    queue: 'Returns and Exchanges',
    type: 'Request',
    tags: ['returns', 'hardware'],
    openedAgo: t(15),
    steps: [
      { at: 40, assign: { team: 'tier1', agent: 'olivia' } },
      {
        at: 60,
        by: 'olivia',
        reply:
          "Hi Zoe, sorry about the mix-up! I've created return RMA-6612 and a replacement order for 12 BS-400 scanners with express shipping, so they'll arrive within 3 business days, well before your opening. The courier will collect the BS-200s when they deliver; just keep them in their boxes.",
      },
      {
        at: 61,
        source: 'Salesforce',
        crm: { rma: 'RMA-6612', replacementOrder: 'HW-21007', shipping: 'express', chargeToCustomer: false },
      },
      { at: 62, by: 'olivia', status: 'pending' },
      { at: t(4), customer: 'Scanners arrived and the courier took the old ones. All good, thanks Olivia!' },
      { at: t(4, 0, 10), by: 'olivia', status: 'resolved' },
      { at: t(7, 0, 10), status: 'closed' },
    ],
  },

  // 16. Card payments failing at 3-D Secure; a grace period while the provider investigates.
  {
    customer: 'samuel',
    subject: 'Card payments failing at the 3-D Secure step',
    body: "Hello, we're trying to pay our annual renewal (invoice INV-60877) with our company Visa card. Every attempt fails after the 3-D Secure screen with 'payment could not be authenticated'. Our bank sees no declined transaction. The renewal is due in four days and we can't risk the account being suspended.",
    channel: 'email',
    priority: 'high',
    queue: 'Billing and Payments',
    type: 'Problem',
    tags: ['payments', '3ds', 'renewal'],
    openedAgo: t(0, 20),
    steps: [
      { at: 30, assign: { team: 'billing', agent: 'arjun' } },
      {
        at: 90,
        by: 'arjun',
        note: "Gateway logs: the 3DS challenge completes but the issuer's ACS returns authentication result 'U' (unavailable). Known problem with some issuers on 3DS 2.2; payment provider case PSP-55120 is open.",
      },
      {
        at: 95,
        by: 'arjun',
        reply:
          "Dear Samuel,\n\nThank you for the details. The failure happens between the card network and your bank's authentication service, which isn't answering the 3-D Secure check correctly; we've raised it with our payment provider. So your account is not at risk, I've extended your renewal due date by 14 days. If you prefer, you can also pay by bank transfer using the details on the invoice.\n\nKind regards,\nArjun Mehta",
      },
      {
        at: 96,
        source: 'Salesforce',
        crm: { invoice: 'INV-60877', dueDateExtendedDays: 14, suspensionHold: true },
      },
      { at: 97, by: 'arjun', status: 'on_hold' },
      {
        at: 600,
        customer:
          "Thanks Arjun, that's a relief. We'll wait for the fix rather than pay by transfer; our finance team prefers card.",
      },
    ],
  },

  // 17–20. New arrivals nobody has touched yet (one already routed to a team queue).
  {
    customer: 'oliver',
    subject: 'How do I add a trainee with read-only access?',
    body: 'Hello, a trainee joins us on Monday. How do I add her to our workspace so she can read conversations but not reply? Thanks, Oliver',
    channel: 'web',
    priority: 'low',
    queue: 'Customer Service',
    type: 'Request',
    tags: ['users', 'how-to'],
    openedAgo: 35,
    steps: [],
  },
  {
    customer: 'maya',
    subject: 'Raise the API rate limit for peak season',
    body: 'Peak season starts next week and we expect three times our normal volume. We are limited to 600 requests per minute today; could this be raised to 1,800 for November and December?',
    channel: 'api',
    priority: 'medium',
    queue: 'Technical Support',
    type: 'Request',
    tags: ['api', 'rate-limit'],
    openedAgo: 70,
    steps: [{ at: 1, assign: { team: 'tech' } }],
  },
  {
    customer: 'felix',
    subject: 'Rechnungen bitte an neue Adresse senden',
    body: 'Hallo,\n\nwir sind umgezogen. Bitte stellen Sie künftige Rechnungen auf folgende Adresse aus:\n\nBrauhaus Digital GmbH\nKastanienallee 12\n10435 Berlin\n\nDie USt-IdNr. bleibt unverändert.\n\nDanke und viele Grüße\nFelix Braun',
    channel: 'email',
    priority: 'low',
    queue: 'Account & Billing Management',
    type: 'Request',
    language: 'de',
    tags: ['billing', 'address-change'],
    openedAgo: t(0, 3),
    steps: [],
  },
  {
    customer: 'ava',
    subject: 'Any plans for a dark mode?',
    body: 'Love the app, but I use it late at night and the white background is really bright. Is a dark mode on the roadmap?',
    channel: 'web',
    priority: 'low',
    queue: 'Product Support',
    type: 'Request',
    tags: ['feature-request', 'ui'],
    openedAgo: t(0, 9),
    steps: [],
  },

  // 21. VPN drops caused by a vendor bug: on hold until the vendor ships a fix.
  {
    customer: 'hannah',
    subject: 'VPN-Verbindung bricht alle 30 Minuten ab',
    body: 'Hallo Support-Team,\n\nseit dem Update des VPN-Clients auf Version 9.4 bricht die Verbindung unserer Außenstellen ziemlich genau alle 30 Minuten ab. Die Kolleginnen müssen sich dann neu anmelden, was besonders im Nachtdienst stört. Logs hängen an.\n\nViele Grüße\nHannah Schmidt',
    channel: 'email',
    priority: 'medium',
    queue: 'IT Support',
    type: 'Problem',
    language: 'de',
    tags: ['vpn', 'network', 'vendor'],
    openedAgo: t(6, 3),
    steps: [
      { at: 20, assign: { team: 'tech', agent: 'jonas' } },
      {
        at: 120,
        by: 'jonas',
        note: "Logs: IKEv2 rekey fails every 30 min (lifetime 1800 s). Client 9.4 proposes a DH group the concentrator doesn't allow. Known vendor bug; opened vendor case VND-30318.",
      },
      {
        at: 125,
        by: 'jonas',
        reply:
          'Guten Tag Frau Schmidt,\n\nvielen Dank für die Logs. Die Abbrüche entstehen bei der automatischen Schlüsselerneuerung alle 30 Minuten: Der Client in Version 9.4 schlägt dabei ein Verfahren vor, das Ihr VPN-Gateway ablehnt. Das ist ein bekannter Fehler des Herstellers, bei dem wir einen Fall eröffnet haben.\n\nAls Übergangslösung können Sie den Client auf Version 9.3.2 zurücksetzen; den Download finden Sie im Admin-Portal unter „Software“. Ich melde mich, sobald der Hersteller eine korrigierte Version bereitstellt.\n\nViele Grüße\nJonas Weber',
      },
      { at: 126, by: 'jonas', status: 'on_hold' },
      {
        at: t(2),
        customer: 'Mit 9.3.2 ist die Verbindung stabil. Danke für den Tipp! Wir warten dann auf das Update.',
      },
      { at: t(4), by: 'jonas', note: 'Vendor confirmed the fix in 9.4.1, expected next week (VND-30318).' },
    ],
  },

  // 22. A change request: a maintenance window for an API migration.
  {
    customer: 'kenji',
    subject: 'Schedule a maintenance window for the v4 API migration',
    body: "Hello, we'd like to migrate our integration from API v3 to v4. Could you schedule a maintenance window on a Sunday between 01:00 and 05:00 JST, and have an engineer available in case we need to roll back?",
    channel: 'email',
    priority: 'medium',
    queue: 'Release Management',
    type: 'Change',
    tags: ['migration', 'maintenance-window', 'api-v4'],
    openedAgo: t(3, 6),
    steps: [
      { at: 60, assign: { team: 'platform', agent: 'nadia' } },
      {
        at: 240,
        by: 'nadia',
        reply:
          'Hello Kenji, happy to support the migration. We can reserve Sunday 01:00–05:00 JST on either of the next two weekends, with an engineer on call for the whole window. Before we confirm:\n1. Please run your test suite against the v4 sandbox and share the results.\n2. Tell us which webhooks you subscribe to, so we switch them to v4 payloads at the same time.\n\nWhich Sunday suits you?',
      },
      { at: 241, by: 'nadia', status: 'pending' },
    ],
  },

  // 23. An expansion opportunity that arrived through the CRM.
  {
    customer: 'rohan',
    subject: 'Pricing for 200 additional seats',
    body: "We're rolling out to our Singapore and Dubai offices next quarter, about 200 more agents. What would pricing look like, and can the new offices have their own teams and business hours?",
    channel: 'crm',
    priority: 'medium',
    queue: 'Sales and Pre-Sales',
    type: 'Request',
    tags: ['sales', 'expansion', 'seats'],
    openedAgo: t(2),
    steps: [
      { at: 45, assign: { team: 'success', agent: 'emily' } },
      {
        at: 120,
        by: 'emily',
        channel: 'email',
        reply:
          "Hi Rohan, great news about the expansion! Yes: each office can have its own teams, working hours in local time and routing rules, all in the same workspace. I'll prepare a quote with volume pricing for 200 additional seats on your Enterprise plan. Could we have a 30-minute call this week to go over the rollout timeline?",
      },
      {
        at: 125,
        by: 'emily',
        note: 'Expansion, about 200 seats. Created OPP-3310. Loop in Tomás for the onboarding plan.',
      },
      {
        at: 126,
        source: 'Salesforce',
        crm: { opportunity: 'OPP-3310', stage: 'Discovery', seats: 200, expectedClose: 'Q3' },
      },
    ],
  },

  // 24. An email address change in French, confirmed through the CRM sync and closed later.
  {
    customer: 'chloe',
    subject: "Changer l'adresse e-mail du compte",
    body: "Bonjour, je souhaite remplacer l'adresse e-mail de connexion par contact@atelier-laurent.example. L'ancienne adresse sera bientôt désactivée. Merci !",
    channel: 'email',
    priority: 'low',
    queue: 'Customer Service',
    type: 'Request',
    language: 'fr',
    tags: ['account', 'email-change'],
    openedAgo: t(10),
    steps: [
      { at: 25, assign: { team: 'tier1', agent: 'sofia' } },
      {
        at: 40,
        by: 'sofia',
        reply:
          "Bonjour Chloé, pour des raisons de sécurité, j'ai envoyé un lien de confirmation à la nouvelle adresse contact@atelier-laurent.example. Dès que vous aurez cliqué dessus, elle deviendra votre adresse de connexion.",
      },
      { at: 41, by: 'sofia', status: 'pending' },
      { at: 300, customer: "C'est fait, merci !" },
      { at: 305, source: 'HubSpot', crm: { email: 'contact@atelier-laurent.example', emailVerified: true } },
      { at: 310, by: 'sofia', status: 'resolved' },
      { at: t(4), status: 'closed' },
    ],
  },

  // 25. A cancellation handled gracefully, closed.
  {
    customer: 'ava',
    subject: 'Cancel my subscription',
    body: "Please cancel my Plus subscription at the end of this billing period. I'm finishing my freelance project and won't need it for a while.",
    channel: 'web',
    priority: 'low',
    queue: 'Customer Service',
    type: 'Request',
    tags: ['cancellation', 'retention'],
    openedAgo: t(20),
    steps: [
      { at: 60, assign: { team: 'tier1', agent: 'marcus' } },
      {
        at: 75,
        by: 'marcus',
        reply:
          "Hi Ava, thanks for letting us know, and good luck wrapping up the project! I've scheduled the cancellation for the end of your current period. You keep the Plus features until then, and your data stays available on the free plan. If you come back within six months, everything will be as you left it.",
      },
      {
        at: 76,
        source: 'Salesforce',
        crm: {
          plan: 'Free',
          previousPlan: 'Plus',
          cancellationReason: 'project ended',
          effective: 'end of period',
        },
      },
      { at: 78, by: 'marcus', status: 'resolved' },
      { at: t(3), status: 'closed' },
    ],
  },

  // 26. A data-protection erasure request, waiting for the customer to confirm the scope.
  {
    customer: 'oliver',
    subject: "GDPR erasure request for a former client's data",
    body: 'Dear Baton team,\n\nA former client of Grant & Hale has asked us, as data controller, to erase their personal data. Please delete all conversations and contact records relating to r.hughes@client-mail.example from our workspace, and confirm in writing once complete. We need to answer the data subject within the statutory deadline.\n\nRegards,\nOliver Grant',
    channel: 'email',
    priority: 'medium',
    queue: 'Legal & Compliance Requests',
    type: 'Request',
    tags: ['gdpr', 'data-deletion', 'legal'],
    openedAgo: t(1, 8),
    steps: [
      { at: 40, assign: { team: 'security', agent: 'camille' } },
      {
        at: 100,
        by: 'camille',
        note: 'Found 1 contact record and 14 conversations for that address. Erasure is irreversible. Oliver is a workspace admin, so his request is sufficient, but the scope needs confirming: attachments this person shared in other clients’ conversations too?',
      },
      {
        at: 105,
        by: 'camille',
        reply:
          "Dear Oliver,\n\nWe've found one contact record and 14 conversations for that address. Before we erase them, which cannot be undone, please confirm: should attachments this person shared in conversations with other clients also be removed, or only their own conversations? Once you confirm, we'll complete the erasure within five business days and send you a written confirmation for your records.\n\nKind regards,\nCamille Dubois",
      },
      { at: 106, by: 'camille', status: 'pending' },
    ],
  },

  // 27. A channel down for a premium customer: Tier 1 raises the priority and pulls in Tier 2.
  {
    customer: 'rafael',
    subject: 'Integração com o WhatsApp parou de receber mensagens',
    body: 'Desde as 8h de hoje não recebemos nenhuma mensagem do WhatsApp no painel. Os clientes dizem que as mensagens aparecem como entregues. É urgente, é o nosso principal canal de atendimento!',
    channel: 'chat',
    priority: 'high',
    queue: 'Technical Support',
    type: 'Incident',
    language: 'pt',
    tags: ['whatsapp', 'integration', 'channel-down'],
    openedAgo: t(0, 4),
    steps: [
      { at: 2, assign: { team: 'tier1', agent: 'sofia' } },
      {
        at: 5,
        by: 'sofia',
        reply: 'Olá Rafael, entendo a urgência. Estou verificando a integração agora mesmo.',
      },
      {
        at: 12,
        by: 'sofia',
        note: "The webhook subscription for their WhatsApp Business number shows 'token expired' since 08:02 BRT. Asking Technical Support whether we can refresh it on our side.",
      },
      { at: 13, by: 'sofia', assign: { team: 'tech', agent: 'daniel' } },
      { at: 14, by: 'sofia', set: { priority: 'critical' } },
      {
        at: 28,
        by: 'daniel',
        note: 'Confirmed: their app predates system-user tokens, so the 60-day token was never refreshed. The customer must re-authorize once; missed messages (last 24 h) are backfilled automatically on reconnect.',
      },
      {
        at: 30,
        by: 'sofia',
        reply:
          'Rafael, encontramos a causa: o token de acesso do WhatsApp Business expirou hoje às 8h02. Para reconectar, vá em Configurações → Canais → WhatsApp e clique em "Reautorizar". As mensagens recebidas desde então serão importadas automaticamente após a reconexão.',
      },
      {
        at: 55,
        customer:
          'Reautorizei e as mensagens começaram a chegar, inclusive as de hoje de manhã. Ufa! Vai acontecer de novo daqui a 60 dias?',
      },
      {
        at: 60,
        by: 'sofia',
        reply:
          'Não vai: com a reautorização, a conta passou a usar um token permanente. Vou manter o chamado aberto até amanhã para confirmar que está tudo estável.',
      },
    ],
  },

  // 28. Access for a new doctor, done the same hour and closed.
  {
    customer: 'hannah',
    subject: 'Zugang für neue Mitarbeiterin',
    body: 'Hallo,\n\nab Montag verstärkt Frau Dr. Aylin Demir unser Team in der Radiologie. Bitte richten Sie ihr einen Zugang mit der Rolle „Ärztin – Lesen und Kommentieren“ ein. Ihre E-Mail-Adresse: a.demir@klinikverbund-nord.example\n\nDanke!\nHannah Schmidt',
    channel: 'email',
    priority: 'low',
    queue: 'IT Support',
    type: 'Request',
    language: 'de',
    tags: ['access', 'user-management'],
    openedAgo: t(11),
    steps: [
      { at: 30, assign: { team: 'tier1', agent: 'lena' } },
      {
        at: 50,
        by: 'lena',
        reply:
          'Hallo Frau Schmidt,\n\nder Zugang für Frau Dr. Demir ist eingerichtet (Rolle „Ärztin – Lesen und Kommentieren“, Team Radiologie). Sie erhält eine Einladung per E-Mail und richtet bei der ersten Anmeldung ihr Passwort und die Zwei-Faktor-Anmeldung ein.\n\nViele Grüße\nLena Hoffmann',
      },
      { at: 52, by: 'lena', status: 'resolved' },
      { at: t(3), status: 'closed' },
    ],
  },

  // 29. Duplicate orders from an old POS version: Tier 1 narrows it down, Tier 2 confirms.
  {
    customer: 'zoe',
    subject: 'POS sync creates duplicate orders',
    body: "Hi, since Monday some orders from our Parramatta store show up twice in the dashboard, with the same order number but different internal IDs. It's about 1 in 50 orders and it's throwing off our daily sales totals. Screenshot attached.\n\nZoe",
    channel: 'email',
    priority: 'medium',
    queue: 'Technical Support',
    type: 'Problem',
    tags: ['pos', 'sync', 'duplicates'],
    openedAgo: t(1, 1),
    steps: [
      { at: 10, assign: { team: 'tier1', agent: 'olivia' } },
      {
        at: 30,
        by: 'olivia',
        reply:
          "Hi Zoe, thanks for the screenshot. Did the Parramatta store's POS lose its internet connection on Monday, even briefly? And which POS software version is that store running?",
      },
      { at: 31, by: 'olivia', status: 'pending' },
      {
        at: t(0, 6),
        customer:
          "Yes! The store had internet outages on Monday and Tuesday. They're on version 3.8.1, the other stores are on 3.9.",
      },
      {
        at: t(0, 6, 20),
        by: 'olivia',
        note: 'Probably POS 3.8.1 replaying queued orders without the idempotency key after a reconnect. Handing to Technical Support to confirm and clean up the duplicates.',
      },
      { at: t(0, 6, 21), by: 'olivia', assign: { team: 'tech', agent: 'haruto' } },
      {
        at: t(0, 6, 40),
        by: 'haruto',
        note: 'Confirmed: 3.8.1 omits Idempotency-Key on replay. 37 duplicate orders for store PAR-02 since Monday. Merge script ready; the store should upgrade to 3.9.',
      },
      {
        at: t(0, 6, 50),
        by: 'haruto',
        reply:
          "Hi Zoe, Haruto from Technical Support. We've confirmed the cause: POS version 3.8.1 resends orders after a connection drop without the marker that lets us recognise repeats. Upgrading the Parramatta store to 3.9 fixes it. We found 37 duplicated orders since Monday and can merge them so your sales totals are right. Shall we go ahead?",
      },
      { at: t(0, 6, 51), by: 'haruto', status: 'pending' },
    ],
  },

  // 30. A quarterly business review: an account manager's report, closed after the meeting.
  {
    customer: 'maya',
    subject: 'Usage report for our quarterly business review',
    body: 'Hi Emily, ahead of our QBR on the 14th, could you send us a usage summary for last quarter: tickets handled per distribution center, median first response time and CSAT? Thanks, Maya',
    channel: 'email',
    priority: 'low',
    queue: 'Account Management',
    type: 'Request',
    tags: ['qbr', 'reporting'],
    openedAgo: t(25),
    steps: [
      { at: 60, assign: { team: 'success', agent: 'emily' } },
      {
        at: t(1),
        by: 'emily',
        reply:
          "Hi Maya, here's last quarter's summary:\n\n• Tickets handled: Chicago 4,212 · Dallas 3,087 · Atlanta 2,560\n• Median first response: 11 minutes (19 minutes the quarter before)\n• CSAT: 94% from 1,846 responses\n\nThe full PDF with weekly trends is attached. See you on the 14th!",
      },
      { at: t(1, 0, 5), by: 'emily', status: 'resolved' },
      { at: t(2), customer: 'Perfect, thanks Emily!' },
      { at: t(2, 0, 10), by: 'emily', status: 'resolved' },
      { at: t(6), status: 'closed' },
    ],
  },
];
