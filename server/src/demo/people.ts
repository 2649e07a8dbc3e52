/**
 * The demo organisation: teams, agents and customers. Invented people and companies; every email
 * address and domain is under `.example` (RFC 2606), every phone number in a fictional range.
 */
import type { Capacity, Customer, Shift, Skill } from '@baton/schemas';

export type TeamKey = 'tier1' | 'tech' | 'platform' | 'billing' | 'security' | 'success';

export interface DemoTeam {
  key: TeamKey;
  name: string;
  description: string;
  queues: string[];
  timeZone?: string;
  escalatesTo?: TeamKey;
  /** Told when an issue of the team breaches its SLA (default notifications). */
  lead: AgentKey;
}

/** In creation order: a team's escalation target comes before it. */
export const TEAMS: readonly DemoTeam[] = [
  {
    key: 'platform',
    lead: 'priya',
    name: 'Platform Engineering',
    description:
      'Tier 3: the engineers who run the platform. Takes escalations for outages, data and releases.',
    queues: ['Network Infrastructure', 'Release Management', 'Data Analytics & Reporting'],
    timeZone: 'Asia/Kolkata',
  },
  {
    key: 'success',
    lead: 'emily',
    name: 'Customer Success',
    description:
      'Onboarding, account reviews, renewals and expansions; handles commercial escalations from Billing.',
    queues: ['Customer Onboarding', 'Sales and Pre-Sales', 'Account Management'],
    timeZone: 'America/Los_Angeles',
  },
  {
    key: 'security',
    lead: 'camille',
    name: 'Security Operations',
    description: 'Account compromise, suspicious activity, compliance evidence and data-protection requests.',
    queues: ['Security Operations', 'Legal & Compliance Requests'],
    timeZone: 'Europe/Paris',
  },
  {
    key: 'tech',
    lead: 'daniel',
    name: 'Technical Support',
    description:
      'Tier 2: integrations, API, mobile apps and networking. Escalates platform faults to Platform Engineering.',
    queues: ['Technical Support', 'IT Support', 'Service Outages and Maintenance'],
    escalatesTo: 'platform',
  },
  {
    key: 'billing',
    lead: 'aisha',
    name: 'Billing and Payments',
    description:
      'Invoices, refunds, payment failures and seat changes. Commercial decisions go to Customer Success.',
    queues: ['Billing and Payments', 'Account & Billing Management'],
    escalatesTo: 'success',
  },
  {
    key: 'tier1',
    lead: 'marcus',
    name: 'Tier 1 Support',
    description:
      'First line, follow the sun: answers how-to questions, triages and hands over to the specialist teams.',
    queues: ['General Inquiry', 'Customer Service', 'Product Support', 'Returns and Exchanges'],
    escalatesTo: 'tech',
  },
];

export type AgentKey =
  | 'lena'
  | 'jonas'
  | 'sofia'
  | 'marcus'
  | 'aisha'
  | 'daniel'
  | 'emily'
  | 'haruto'
  | 'yuki'
  | 'priya'
  | 'arjun'
  | 'olivia'
  | 'liam'
  | 'camille'
  | 'tomas'
  | 'nadia'
  | 'grace';

export interface DemoAgent {
  key: AgentKey;
  name: string;
  email: string;
  timeZone: string;
  teams: TeamKey[];
  skills: Skill[];
  languages: string[];
  workingHours: Shift[];
  capacity: Capacity;
  status: 'available' | 'busy' | 'away' | 'offline';
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** The same shift on the given days, in the agent's local time. */
function shifts(start: string, end: string, days: readonly Shift['day'][] = WEEKDAYS): Shift[] {
  return days.map((day) => ({ day, start, end }));
}

function skills(levels: Record<string, number>): Skill[] {
  return Object.entries(levels).map(([skill, level]) => ({ skill, level }));
}

export const AGENTS: readonly DemoAgent[] = [
  {
    key: 'lena',
    name: 'Lena Hoffmann',
    email: 'lena.hoffmann@support.baton.example',
    timeZone: 'Europe/Berlin',
    teams: ['tier1'],
    skills: skills({ general_support: 4, product_knowledge: 3, returns: 3, access_management: 3 }),
    languages: ['de', 'en'],
    workingHours: shifts('08:00', '16:30'),
    capacity: { email: 8, chat: 4, phone: 2 },
    status: 'available',
  },
  {
    key: 'jonas',
    name: 'Jonas Weber',
    email: 'jonas.weber@support.baton.example',
    timeZone: 'Europe/Berlin',
    teams: ['tech'],
    skills: skills({ networking: 5, vpn: 4, databases: 3, api_integrations: 3 }),
    languages: ['de', 'en'],
    workingHours: shifts('09:00', '17:30'),
    capacity: { email: 6, chat: 2, phone: 1 },
    status: 'busy',
  },
  {
    key: 'sofia',
    name: 'Sofía Martínez',
    email: 'sofia.martinez@support.baton.example',
    timeZone: 'Europe/Madrid',
    teams: ['tier1'],
    skills: skills({ general_support: 4, mobile_apps: 3, returns: 4, reporting: 3 }),
    languages: ['es', 'en', 'pt', 'fr'],
    workingHours: [
      ...shifts('10:00', '19:00', ['mon', 'tue', 'wed', 'thu']),
      { day: 'fri', start: '09:00', end: '15:00' },
    ],
    capacity: { email: 8, chat: 5, phone: 1 },
    status: 'available',
  },
  {
    key: 'marcus',
    name: 'Marcus Reed',
    email: 'marcus.reed@support.baton.example',
    timeZone: 'America/New_York',
    teams: ['tier1'],
    skills: skills({ general_support: 4, de_escalation: 5, billing: 2, incident_communication: 3 }),
    languages: ['en'],
    workingHours: shifts('08:00', '16:00'),
    capacity: { email: 8, chat: 4, phone: 2 },
    status: 'available',
  },
  {
    key: 'aisha',
    name: 'Aisha Bello',
    email: 'aisha.bello@support.baton.example',
    timeZone: 'America/New_York',
    teams: ['billing'],
    skills: skills({ billing: 5, refunds: 4, payments: 4 }),
    languages: ['en', 'fr'],
    workingHours: shifts('09:00', '17:00'),
    capacity: { email: 10, chat: 2, phone: 1 },
    status: 'available',
  },
  {
    key: 'daniel',
    name: 'Daniel Kim',
    email: 'daniel.kim@support.baton.example',
    timeZone: 'America/Los_Angeles',
    teams: ['tech'],
    skills: skills({ api_integrations: 5, webhooks: 4, mobile_apps: 4, incident_communication: 4 }),
    languages: ['en', 'ko'],
    workingHours: shifts('07:00', '15:30'),
    capacity: { email: 6, chat: 3, phone: 1, api: 4 },
    status: 'available',
  },
  {
    key: 'emily',
    name: 'Emily Chen',
    email: 'emily.chen@support.baton.example',
    timeZone: 'America/Los_Angeles',
    teams: ['success'],
    skills: skills({ onboarding: 5, account_management: 5, sso: 3, reporting: 4 }),
    languages: ['en', 'zh'],
    workingHours: shifts('09:00', '17:00'),
    capacity: { email: 12, chat: 2, phone: 3, crm: 10 },
    status: 'away',
  },
  {
    key: 'haruto',
    name: 'Haruto Sato',
    email: 'haruto.sato@support.baton.example',
    timeZone: 'Asia/Tokyo',
    teams: ['tech'],
    skills: skills({ networking: 4, api_integrations: 4, webhooks: 4, databases: 3, pos_integrations: 3 }),
    languages: ['ja', 'en'],
    workingHours: shifts('09:00', '18:00'),
    capacity: { email: 6, chat: 3, phone: 1 },
    status: 'offline',
  },
  {
    key: 'yuki',
    name: 'Yuki Tanaka',
    email: 'yuki.tanaka@support.baton.example',
    timeZone: 'Asia/Tokyo',
    teams: ['tier1'],
    skills: skills({ general_support: 3, product_knowledge: 4, reporting: 2 }),
    languages: ['ja', 'en'],
    workingHours: [...shifts('10:00', '19:00'), { day: 'sat', start: '10:00', end: '14:00' }],
    capacity: { email: 8, chat: 4, phone: 2 },
    status: 'offline',
  },
  {
    key: 'priya',
    name: 'Priya Nair',
    email: 'priya.nair@support.baton.example',
    timeZone: 'Asia/Kolkata',
    teams: ['platform'],
    skills: skills({ incident_response: 5, databases: 5, networking: 4, data_pipelines: 4 }),
    languages: ['en', 'hi', 'ml'],
    workingHours: shifts('10:00', '19:00'),
    capacity: { email: 4, chat: 2, phone: 1 },
    status: 'available',
  },
  {
    key: 'arjun',
    name: 'Arjun Mehta',
    email: 'arjun.mehta@support.baton.example',
    timeZone: 'Asia/Kolkata',
    teams: ['billing'],
    skills: skills({ billing: 4, invoicing: 4, payments: 4 }),
    languages: ['en', 'hi'],
    workingHours: shifts('09:30', '18:00', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']),
    capacity: { email: 10, chat: 3, phone: 1 },
    status: 'available',
  },
  {
    key: 'olivia',
    name: 'Olivia Brooks',
    email: 'olivia.brooks@support.baton.example',
    timeZone: 'Australia/Sydney',
    teams: ['tier1'],
    skills: skills({ general_support: 4, returns: 4, hardware: 3, pos_integrations: 2 }),
    languages: ['en'],
    workingHours: shifts('08:30', '17:00'),
    capacity: { email: 8, chat: 4, phone: 2 },
    status: 'offline',
  },
  {
    key: 'liam',
    name: "Liam O'Connor",
    email: 'liam.oconnor@support.baton.example',
    timeZone: 'Australia/Sydney',
    teams: ['security'],
    skills: skills({ incident_response: 4, identity_access: 4, account_recovery: 5 }),
    languages: ['en'],
    workingHours: shifts('08:00', '16:00'),
    capacity: { email: 5, chat: 2, phone: 1 },
    status: 'offline',
  },
  {
    key: 'camille',
    name: 'Camille Dubois',
    email: 'camille.dubois@support.baton.example',
    timeZone: 'Europe/Paris',
    teams: ['security'],
    skills: skills({ incident_response: 5, compliance: 5, identity_access: 4, data_protection: 5 }),
    languages: ['fr', 'en', 'de'],
    workingHours: shifts('09:00', '18:00'),
    capacity: { email: 5, chat: 1, phone: 2 },
    status: 'busy',
  },
  {
    key: 'tomas',
    name: 'Tomás Ferreira',
    email: 'tomas.ferreira@support.baton.example',
    timeZone: 'Europe/Lisbon',
    teams: ['success', 'tier1'],
    skills: skills({ onboarding: 4, sso: 4, api_integrations: 3 }),
    languages: ['pt', 'es', 'en'],
    workingHours: shifts('09:00', '18:00'),
    capacity: { email: 8, chat: 3, phone: 3 },
    status: 'available',
  },
  {
    key: 'nadia',
    name: 'Nadia Petrova',
    email: 'nadia.petrova@support.baton.example',
    timeZone: 'Europe/Berlin',
    teams: ['platform'],
    skills: skills({ release_management: 5, incident_response: 4, networking: 3 }),
    languages: ['en', 'de', 'ru'],
    workingHours: [...shifts('11:00', '19:00'), { day: 'sun', start: '00:00', end: '06:00' }],
    capacity: { email: 4, chat: 1, phone: 1 },
    status: 'available',
  },
  {
    key: 'grace',
    name: 'Grace Okafor',
    email: 'grace.okafor@support.baton.example',
    timeZone: 'Europe/London',
    teams: ['billing'],
    skills: skills({ billing: 4, refunds: 5, contracts: 3 }),
    languages: ['en'],
    workingHours: shifts('08:00', '16:00'),
    capacity: { email: 10, chat: 2, phone: 1 },
    status: 'available',
  },
];

export type CustomerKey =
  | 'maya'
  | 'felix'
  | 'carmen'
  | 'kenji'
  | 'chloe'
  | 'rafael'
  | 'hannah'
  | 'oliver'
  | 'ava'
  | 'rohan'
  | 'zoe'
  | 'samuel';

export type DemoCustomer = { key: CustomerKey; customerForDays: number } & Omit<
  Customer,
  'id' | 'createdAt' | 'updatedAt'
>;

export const CUSTOMERS: readonly DemoCustomer[] = [
  {
    key: 'maya',
    customerForDays: 610,
    externalId: 'crm:ACC-1042',
    name: 'Maya Patel',
    email: 'maya.patel@northwind-logistics.example',
    phone: '+1 312 555 0142',
    company: 'Northwind Logistics',
    tier: 'enterprise',
    timeZone: 'America/Chicago',
    language: 'en',
    attributes: {
      plan: 'Enterprise',
      seats: 240,
      accountManager: 'Emily Chen',
      renewal: '2026-09-30',
      region: 'NA',
    },
  },
  {
    key: 'felix',
    customerForDays: 420,
    externalId: 'crm:ACC-2217',
    name: 'Felix Braun',
    email: 'f.braun@brauhaus-digital.example',
    phone: '+49 30 5550 1873',
    company: 'Brauhaus Digital GmbH',
    tier: 'premium',
    timeZone: 'Europe/Berlin',
    language: 'de',
    attributes: { plan: 'Business', seats: 35, billing: 'monthly, card' },
  },
  {
    key: 'carmen',
    customerForDays: 260,
    externalId: 'crm:ACC-3120',
    name: 'Carmen Ruiz',
    email: 'carmen@solymarviajes.example',
    company: 'Sol y Mar Viajes',
    tier: 'standard',
    timeZone: 'Europe/Madrid',
    language: 'es',
    attributes: { plan: 'Team', seats: 8 },
  },
  {
    key: 'kenji',
    customerForDays: 540,
    externalId: 'crm:ACC-1388',
    name: 'Kenji Watanabe',
    email: 'k.watanabe@sakura-robotics.example',
    phone: '+81 3 5550 2291',
    company: 'Sakura Robotics',
    tier: 'enterprise',
    timeZone: 'Asia/Tokyo',
    language: 'ja',
    attributes: { plan: 'Enterprise', seats: 120, apiVersion: 'v3', accountManager: 'Emily Chen' },
  },
  {
    key: 'chloe',
    customerForDays: 190,
    externalId: 'crm:ACC-3544',
    name: 'Chloé Laurent',
    email: 'chloe@atelier-laurent.example',
    company: 'Atelier Laurent',
    tier: 'standard',
    timeZone: 'Europe/Paris',
    language: 'fr',
    attributes: { plan: 'Team', seats: 4 },
  },
  {
    key: 'rafael',
    customerForDays: 21,
    externalId: 'crm:ACC-4102',
    name: 'Rafael Souza',
    email: 'rafael.souza@verdefoods.example',
    phone: '+55 11 5550 4410',
    company: 'Verde Foods',
    tier: 'premium',
    timeZone: 'America/Sao_Paulo',
    language: 'pt',
    attributes: { plan: 'Business', seats: 60, onboardingStage: 'SSO setup' },
  },
  {
    key: 'hannah',
    customerForDays: 730,
    externalId: 'crm:ACC-0877',
    name: 'Hannah Schmidt',
    email: 'h.schmidt@klinikverbund-nord.example',
    phone: '+49 40 5550 7720',
    company: 'Klinikverbund Nord',
    tier: 'enterprise',
    timeZone: 'Europe/Berlin',
    language: 'de',
    attributes: { plan: 'Enterprise', seats: 310, dataResidency: 'EU', dpaSigned: true },
  },
  {
    key: 'oliver',
    customerForDays: 480,
    externalId: 'crm:ACC-1906',
    name: 'Oliver Grant',
    email: 'oliver.grant@granthale.example',
    phone: '+44 20 7946 0321',
    company: 'Grant & Hale LLP',
    tier: 'premium',
    timeZone: 'Europe/London',
    language: 'en',
    attributes: { plan: 'Business', seats: 25, renewal: '2026-04-01' },
  },
  {
    key: 'ava',
    customerForDays: 330,
    name: 'Ava Thompson',
    email: 'ava.thompson@mailbox.example',
    tier: 'free',
    timeZone: 'America/Los_Angeles',
    language: 'en',
    attributes: { plan: 'Free', previousPlan: 'Plus' },
  },
  {
    key: 'rohan',
    customerForDays: 400,
    externalId: 'crm:ACC-2650',
    name: 'Rohan Iyer',
    email: 'rohan@quantfin.example',
    phone: '+91 22 5550 8812',
    company: 'Quantfin Analytics',
    tier: 'enterprise',
    timeZone: 'Asia/Kolkata',
    language: 'en',
    attributes: { plan: 'Enterprise', seats: 150, accountManager: 'Emily Chen' },
  },
  {
    key: 'zoe',
    customerForDays: 45,
    externalId: 'crm:ACC-4033',
    name: 'Zoe Mitchell',
    email: 'zoe.mitchell@bluegum.example',
    phone: '+61 2 5550 3390',
    company: 'Bluegum Retail',
    tier: 'standard',
    timeZone: 'Australia/Sydney',
    language: 'en',
    attributes: { plan: 'Team', seats: 14, stores: 9 },
  },
  {
    key: 'samuel',
    customerForDays: 370,
    externalId: 'crm:ACC-2398',
    name: 'Samuel Okoye',
    email: 'samuel@paylink.example',
    phone: '+234 1 555 0190',
    company: 'PayLink Africa',
    tier: 'premium',
    timeZone: 'Africa/Lagos',
    language: 'en',
    attributes: { plan: 'Business', seats: 40, billing: 'annual, card' },
  },
];

/**
 * One routing policy per queue a team owns: the owning team, the skill the work needs (at a minimum
 * level), skills that make someone a better fit, and offers the chosen agent must accept within five
 * minutes (three offers per round, two rounds, then the team's escalation team is asked).
 */
export interface DemoPolicy {
  queue: string;
  team: TeamKey;
  description: string;
  required: Record<string, number>;
  optional?: string[];
  strategy?: 'least-loaded' | 'round-robin';
}

export const POLICIES: readonly DemoPolicy[] = [
  {
    queue: 'Billing and Payments',
    team: 'billing',
    description: 'Refunds, invoices, failed payments.',
    required: { billing: 3 },
    optional: ['refunds', 'payments'],
  },
  {
    queue: 'Account & Billing Management',
    team: 'billing',
    description: 'Seat changes and billing settings.',
    required: { billing: 2 },
    optional: ['invoicing'],
  },
  {
    queue: 'Technical Support',
    team: 'tech',
    description: 'Integrations, API and apps.',
    required: { api_integrations: 3 },
    optional: ['webhooks', 'mobile_apps'],
  },
  {
    queue: 'IT Support',
    team: 'tech',
    description: 'Networks, VPN and devices.',
    required: { networking: 3 },
    optional: ['vpn'],
  },
  {
    queue: 'Service Outages and Maintenance',
    team: 'tech',
    description: 'Anything down or degraded.',
    required: { api_integrations: 3 },
    optional: ['incident_communication', 'networking'],
  },
  {
    queue: 'Network Infrastructure',
    team: 'platform',
    description: 'Tier 3: the network underneath.',
    required: { networking: 3 },
    optional: ['incident_response'],
  },
  {
    queue: 'Release Management',
    team: 'platform',
    description: 'Tier 3: releases and rollbacks.',
    required: { incident_response: 3 },
    optional: ['release_management'],
  },
  {
    queue: 'Data Analytics & Reporting',
    team: 'platform',
    description: 'Tier 3: data pipelines and reports.',
    required: { incident_response: 3 },
    optional: ['databases', 'data_pipelines'],
  },
  {
    queue: 'Security Operations',
    team: 'security',
    description: 'Compromised accounts, phishing, 2FA.',
    required: { incident_response: 4 },
    optional: ['identity_access', 'account_recovery'],
  },
  {
    queue: 'Legal & Compliance Requests',
    team: 'security',
    description: 'DPAs, audits, data-protection requests.',
    required: { compliance: 3 },
    optional: ['data_protection'],
  },
  {
    queue: 'Customer Onboarding',
    team: 'success',
    description: 'Rollouts, SSO, imports.',
    required: { onboarding: 3 },
    optional: ['sso'],
  },
  {
    queue: 'Sales and Pre-Sales',
    team: 'success',
    description: 'Quotes and trials.',
    required: { onboarding: 3 },
    optional: ['account_management'],
  },
  {
    queue: 'Account Management',
    team: 'success',
    description: 'Upgrades, renewals, owners.',
    required: { onboarding: 3 },
    optional: ['account_management'],
  },
  {
    queue: 'General Inquiry',
    team: 'tier1',
    description: 'How-to questions.',
    required: { general_support: 3 },
    optional: ['product_knowledge'],
    strategy: 'round-robin',
  },
  {
    queue: 'Customer Service',
    team: 'tier1',
    description: 'Everything else a customer asks.',
    required: { general_support: 3 },
    optional: ['de_escalation'],
  },
  {
    queue: 'Product Support',
    team: 'tier1',
    description: 'Using the product.',
    required: { general_support: 3 },
    optional: ['product_knowledge'],
  },
  {
    queue: 'Returns and Exchanges',
    team: 'tier1',
    description: 'Hardware returns and exchanges.',
    required: { general_support: 3 },
    optional: ['returns', 'hardware'],
  },
];
