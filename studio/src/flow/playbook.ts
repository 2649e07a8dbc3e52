/**
 * How playbook steps read on the canvas: the role that does a step (its lane) and its window in
 * words. Read from the data fields the playbook kinds share (`role`, `window`, `replyWithin`,
 * `waitFor`), so any kind that uses them — a plugin's too — is drawn as a step.
 */

export const ROLE_LANES = ['owner', 'receiver', 'expert', 'cs', 'leadership', 'product'] as const;
export type RoleLane = (typeof ROLE_LANES)[number];

export const ROLE_LABEL: Record<RoleLane, string> = {
  owner: 'Owner',
  receiver: 'Receiver',
  expert: 'Expert',
  cs: 'Customer success',
  leadership: 'Leadership',
  product: 'Product',
};

/** `PT5M` → "5 min", `P2D` → "2 d", `PT1H30M` → "1 h 30 min"; null when it is not a duration. */
export function durationWords(iso: unknown): string | null {
  if (typeof iso !== 'string') return null;
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m) return null;
  const [, w, d, h, min, s] = m;
  const parts = [w && `${w} wk`, d && `${d} d`, h && `${h} h`, min && `${min} min`, s && `${s} s`].filter(
    Boolean,
  );
  return parts.length ? parts.join(' ') : null;
}

export interface StepInfo {
  role?: RoleLane;
  /** "within 5 min of the playbook's start", "answer within 30 min", … */
  window?: string;
}

export function stepInfo(type: string, data: Record<string, unknown>): StepInfo {
  const info: StepInfo = {};
  const role = data.role ?? (type === 'consult' ? 'expert' : type === 'receipt' ? 'receiver' : undefined);
  if (typeof role === 'string' && (ROLE_LANES as readonly string[]).includes(role))
    info.role = role as RoleLane;
  const window = data.window as { within?: unknown; from?: unknown } | undefined;
  const within = durationWords(window?.within);
  if (within)
    info.window = `within ${within} of ${window?.from === 'playbook' ? 'the playbook’s start' : 'the step’s start'}`;
  const reply = durationWords(data.replyWithin);
  if (reply) info.window = `answer within ${reply}`;
  const wait = durationWords(data.waitFor);
  if (wait) info.window = `waits ${wait} for the answer`;
  return info;
}
