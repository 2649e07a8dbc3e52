/** A new element id, readable and unique enough across editors: `condition-k3x9q2`. */
export function newId(prefix: string): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  const suffix = Array.from(random, (n) => n.toString(36))
    .join('')
    .slice(0, 8);
  return `${prefix.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 40)}-${suffix}`;
}
