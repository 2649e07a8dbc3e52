import { useContext } from 'react';
import type { Overlay } from '../../../flow/overlay.ts';
import { LabelContext } from '../inspector/IssueList.tsx';

/** Says what is laid over the canvas, with a way back to the plain draft. */
export function OverlayBanner({ overlay, onClear }: { overlay: Overlay; onClear(): void }) {
  const labelOf = useContext(LabelContext);
  if (overlay.type === 'none') return null;
  const text =
    overlay.type === 'trace'
      ? `${overlay.source === 'simulation' ? 'Simulated path' : 'Run path'}: ${overlay.title} · ${overlay.status}${overlay.outcome ? ` → ${labelOf(overlay.outcome) ?? overlay.outcome}` : ''}`
      : overlay.type === 'diff'
        ? `Changes since version ${overlay.version}: green added, amber changed, red removed`
        : `Replay over ${overlay.report.issues} issues: runs per node, draft vs v${overlay.report.version}`;
  return (
    <div className={`overlay-banner overlay-${overlay.type}`} role="status">
      <span>{text}</span>
      <button type="button" className="button button-small" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
