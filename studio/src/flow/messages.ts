/**
 * The server's validation messages name nodes and edges by id (`node condition-5eo0 (condition):
 * …`, `output "false" of node condition-5eo0 …`): right for an API, not for a person. These read
 * them with the names the person gave (“Is it urgent?”).
 */
export type LabelOf = (id: string) => string | undefined;

export function messageInWords(message: string, labelOf: LabelOf): string {
  return message
    .replace(/^(node|edge) \S+ \([^)]*\): /, '')
    .replace(/\b(node|edge) ([A-Za-z0-9_-]+)/g, (whole, what: string, id: string) => {
      const label = labelOf(id);
      return label ? `${what} “${label}”` : whole;
    });
}
