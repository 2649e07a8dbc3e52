/**
 * The server's validation messages name nodes and edges by id (`node condition-5eo0 (condition):
 * …`, `output "false" of node condition-5eo0 …`): right for an API, not for a person. These read
 * them with the names the person gave (“Is it urgent?”).
 */
export type LabelOf = (id: string) => string | undefined;

/** `/to/agentId` → “To › Agent id”. */
function pointerWords(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((p) => {
      const w = p
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/[_-]+/g, ' ')
        .toLowerCase();
      return /^\d+$/.test(p) ? `#${Number(p) + 1}` : w.charAt(0).toUpperCase() + w.slice(1);
    })
    .join(' › ');
}

export function messageInWords(message: string, labelOf: LabelOf): string {
  return message
    .replace(/^(node|edge) \S+ \([^)]*\): /, '')
    .replace(/^(?:data)?(\/[\w/-]+) /, (_whole, pointer: string) => `${pointerWords(pointer)} `)
    .replace(/\b(node|edge) ([A-Za-z0-9_-]+)/g, (whole, what: string, id: string) => {
      const label = labelOf(id);
      return label ? `${what} “${label}”` : whole;
    });
}
