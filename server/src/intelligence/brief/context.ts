/**
 * Who the customer is, for the top of every brief: name, company, tier, plan, annual value and the
 * customer's local time. The newest CRM update on the timeline wins over the customer record (the
 * CRM is where account managers keep these), and the brief names the CRM events it used.
 */
import type { BriefCustomer, Customer, TimelineEvent } from '@baton/schemas';

/** Field names CRMs use, normalised (lower case, no separators). */
const TIER = ['tier', 'customertier', 'segment'];
const PLAN = ['plan', 'planname', 'subscription', 'product', 'edition'];
const VALUE = ['arr', 'annualrecurringrevenue', 'annualvalue', 'contractvalue', 'acv', 'value', 'mrr'];

const key = (k: string) => k.toLowerCase().replace(/[^a-z]/g, '');

function pick(
  fields: Record<string, unknown> | undefined,
  names: readonly string[],
): [name: string, value: string | number] | null {
  if (!fields) return null;
  for (const [k, v] of Object.entries(fields)) {
    if (names.includes(key(k)) && (typeof v === 'string' || typeof v === 'number') && v !== '')
      return [key(k), v];
  }
  return null;
}

function formatValue([name, v]: [string, string | number]): string {
  const n = typeof v === 'number' ? v : Number(String(v).replace(/[^\d.]/g, ''));
  const label =
    name === 'mrr' ? 'MRR' : name === 'arr' || name === 'annualrecurringrevenue' ? 'ARR' : 'annual value';
  if (!Number.isFinite(n) || typeof v === 'string') return `${label} ${v}`;
  return `${label} ${n.toLocaleString('en-US')}`;
}

function localTimeOf(timeZone: string | undefined, now: Date): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(now);
  } catch {
    return null;
  }
}

export function customerContext(
  customer: Customer | null | undefined,
  events: readonly TimelineEvent[],
  now: Date,
): BriefCustomer {
  let tier: string | null = customer?.tier ?? null;
  let plan: string | null = null;
  let value: string | null = null;
  const attributes = customer?.attributes as Record<string, unknown> | undefined;
  const planAttr = pick(attributes, PLAN);
  if (planAttr) plan = String(planAttr[1]);
  const valueAttr = pick(attributes, VALUE);
  if (valueAttr) value = formatValue(valueAttr);
  const sources: BriefCustomer['sources'] = [];
  // Oldest to newest, so the newest CRM update wins.
  for (const event of events) {
    if (event.type !== 'crm_update') continue;
    const fields = event.fields as Record<string, unknown>;
    let used = false;
    const t = pick(fields, TIER);
    if (t) {
      tier = String(t[1]);
      used = true;
    }
    const p = pick(fields, PLAN);
    if (p) {
      plan = String(p[1]);
      used = true;
    }
    const v = pick(fields, VALUE);
    if (v) {
      value = formatValue(v);
      used = true;
    }
    if (used) sources.push({ eventId: event.id, at: event.at, author: event.author.kind });
  }
  const timeZone = customer?.timeZone ?? null;
  return {
    name: customer?.name ?? null,
    company: customer?.company ?? null,
    tier,
    plan,
    value,
    timeZone,
    localTime: localTimeOf(timeZone ?? undefined, now),
    sources,
  };
}
