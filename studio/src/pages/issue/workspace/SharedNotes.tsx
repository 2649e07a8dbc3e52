import { type ChangeEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { moveThrough, textEdit } from '../../../workspace/textDiff.ts';
import { useWorkspace } from '../../../workspace/WorkspaceContext.tsx';

/**
 * Notes everyone on the issue writes together: a textarea bound to the workspace's Y.Text (each input
 * becomes one Yjs edit; remote edits come in with my caret kept in place), with who else is writing.
 */
export function SharedNotes() {
  const ws = useWorkspace();
  const text = ws?.notes;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useState('');
  const caret = useRef<{ start: number; end: number } | null>(null);

  useEffect(() => {
    if (!text) return;
    setValue(text.toString());
    const observer = (event: Y.YTextEvent) => {
      const el = ref.current;
      if (!event.transaction.local && el && document.activeElement === el) {
        caret.current = {
          start: moveThrough(el.selectionStart, event.delta as never),
          end: moveThrough(el.selectionEnd, event.delta as never),
        };
      }
      setValue(text.toString());
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  // After a remote edit re-renders the text, put my caret back where my words moved to.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs because the text changed
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && caret.current) {
      el.setSelectionRange(caret.current.start, caret.current.end);
      caret.current = null;
    }
  }, [value]);

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    if (!text?.doc) return;
    const edit = textEdit(text.toString(), event.target.value);
    text.doc.transact(() => {
      if (edit.remove) text.delete(edit.index, edit.remove);
      if (edit.insert) text.insert(edit.index, edit.insert);
    });
  };

  const writing = ws?.peers.filter((p) => p.focus === 'notes') ?? [];
  return (
    <section className="ws-section" aria-label="Shared notes">
      <div className="ws-head">
        <h3 className="ws-title">Shared notes</h3>
        {writing.length > 0 && (
          <span className="ws-writing">
            {writing.map((p) => (
              <span
                key={p.clientId}
                className="peer-chip"
                style={{ borderColor: p.user.color, color: p.user.color }}
              >
                {p.user.name}
              </span>
            ))}{' '}
            writing
          </span>
        )}
      </div>
      <textarea
        ref={ref}
        className="ws-notes"
        aria-label="Shared notes"
        rows={7}
        value={value}
        disabled={!text}
        placeholder={
          text ? 'Working notes for everyone on this issue: findings, links, next steps…' : 'Connecting…'
        }
        onChange={onChange}
        onFocus={() => ws?.setFocus('notes')}
        onBlur={() => ws?.setFocus(null)}
      />
    </section>
  );
}
