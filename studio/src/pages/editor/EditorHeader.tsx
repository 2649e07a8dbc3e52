import type { FlowRecord } from '@baton/schemas/types';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { LiveStatus } from '../../hooks/useLiveDoc.ts';
import type { ValidationIndex } from '../../hooks/useLiveValidation.ts';
import type { Peer } from '../../hooks/usePresence.ts';
import { LiveStatusBadge } from './toolbar/LiveStatusBadge.tsx';
import { PresenceAvatars } from './toolbar/PresenceAvatars.tsx';

interface Props {
  flow: FlowRecord;
  name: string;
  status: LiveStatus;
  readOnly: boolean;
  peers: Peer[];
  undo: { canUndo: boolean; canRedo: boolean; undo(): void; redo(): void };
  validation: ValidationIndex;
  onRename(name: string): void;
  onLayout(): void;
  onFit(): void;
  onImport(file: File): void;
  onExport(): void;
  onPublish(): void;
  onHelp(): void;
}

/** The editor's bar: name, live status, co-editors, history, layout, files, publish. */
export function EditorHeader(props: Props) {
  const { flow, name, status, readOnly, peers, undo, validation } = props;
  const [title, setTitle] = useState(name);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => setTitle(name), [name]);
  const errors = validation.report?.errors.length ?? 0;
  const warnings = validation.report?.warnings.length ?? 0;
  return (
    <header className="editor-header">
      <Link to="/flows" className="editor-back" aria-label="All flows">
        ←
      </Link>
      <input
        className="editor-name"
        aria-label="Flow name"
        value={title}
        disabled={readOnly}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        onBlur={() => title.trim() && title !== name && props.onRename(title.trim())}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
      <span className="badge">{flow.kind}</span>
      <LiveStatusBadge status={status} readOnly={readOnly} />
      <span
        className={`validation-pill ${errors ? 'has-errors' : warnings ? 'has-warnings' : 'ok'}`}
        role="status"
        aria-label="Validation"
        title={validation.pending ? 'Checking…' : undefined}
      >
        {!validation.report
          ? 'Checking…'
          : errors
            ? `${errors} error${errors > 1 ? 's' : ''}`
            : warnings
              ? `Valid · ${warnings} warning${warnings > 1 ? 's' : ''}`
              : 'Valid'}
      </span>
      <span className="editor-spacer" />
      <PresenceAvatars peers={peers} />
      <div className="toolbar" role="toolbar" aria-label="Editor">
        <button
          type="button"
          className="button button-ghost"
          onClick={undo.undo}
          disabled={readOnly || !undo.canUndo}
          title="Undo (Mod+Z)"
        >
          Undo
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={undo.redo}
          disabled={readOnly || !undo.canRedo}
          title="Redo (Mod+Shift+Z)"
        >
          Redo
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={props.onLayout}
          disabled={readOnly}
          title="Auto-layout (Shift+L)"
        >
          Auto-layout
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={props.onFit}
          title="Zoom to fit (Shift+F)"
        >
          Fit
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => file.current?.click()}
          disabled={readOnly}
        >
          Import
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label="Import a flow file"
          tabIndex={-1}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) props.onImport(chosen);
            e.target.value = '';
          }}
        />
        <button type="button" className="button button-ghost" onClick={props.onExport}>
          Export
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={props.onHelp}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={props.onPublish}
          disabled={readOnly}
          title="Publish (Mod+Enter)"
        >
          Publish…
        </button>
      </div>
    </header>
  );
}
