/** A new element id, readable and unique enough across editors: `condition-k3x9q2`. */
export function newId(prefix: string): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  const suffix = Array.from(random, (n) => n.toString(36))
    .join('')
    .slice(0, 8);
  return `${prefix.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 40)}-${suffix}`;
}

/** A label no node has yet: `Condition`, then `Condition 2`, `Condition 3`… */
export function uniqueLabel(base: string, nodes: readonly { label?: string }[]): string {
  const taken = new Set(nodes.map((n) => n.label));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}
