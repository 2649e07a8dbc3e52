import type { CSSProperties } from 'react';
import { initials } from '../lib/format.ts';

/** Initials in a circle whose hue is derived from the name, so people are easy to tell apart. */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' }) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return (
    <span
      className={`avatar avatar-${size}`}
      style={{ '--avatar-hue': hash } as CSSProperties}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}
