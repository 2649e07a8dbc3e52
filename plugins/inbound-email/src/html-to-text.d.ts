/** The one function used from html-to-text (it ships no types of its own). */
declare module 'html-to-text' {
  export function convert(html: string, options?: Record<string, unknown>): string;
}
