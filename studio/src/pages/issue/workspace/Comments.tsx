import type { WorkspaceComment } from '@baton/schemas/types';
import { useState } from 'react';
import { notifyMention } from '../../../api/notifications.ts';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { useDirectory } from '../../../hooks/useDirectory.ts';
import { mentionedIds } from '../../../workspace/mentions.ts';
import { useYMapValues } from '../../../workspace/useYMapValues.ts';
import { entryId, useWorkspace } from '../../../workspace/WorkspaceContext.tsx';
import { MentionTextarea } from './MentionTextarea.tsx';

function CommentBody({ comment }: { comment: WorkspaceComment }) {
  return (
    <div className="comment">
      <div className="comment-head">
        <strong>{comment.author?.name ?? 'Someone'}</strong>
        <RelativeTime iso={comment.createdAt} />
      </div>
      <p className="comment-text">{comment.text}</p>
    </div>
  );
}

/** Threaded comments; `@Name` notifies that person, wherever their policy reaches them. */
export function Comments({ issueId }: { issueId: string }) {
  const ws = useWorkspace();
  const { agents } = useDirectory();
  const all = useYMapValues<WorkspaceComment>(ws?.comments);
  const [draft, setDraft] = useState('');
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [reply, setReply] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const people = agents.map((a) => ({ id: a.id, name: a.name }));

  const threads = all
    .filter((c) => c.threadId === c.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const repliesOf = (threadId: string) =>
    all
      .filter((c) => c.threadId === threadId && c.id !== threadId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const post = (text: string, threadId?: string) => {
    if (!ws?.comments || !text.trim()) return false;
    const id = entryId();
    const comment: WorkspaceComment = {
      id,
      threadId: threadId ?? id,
      ...(threadId ? { parentId: threadId } : {}),
      text: text.trim(),
      author: { id: ws.me.id, name: ws.me.name },
      createdAt: new Date().toISOString(),
    };
    ws.comments.set(id, comment);
    const mentioned = mentionedIds(comment.text, people).filter((agentId) => agentId !== ws.me.agentId);
    for (const agentId of mentioned) {
      void notifyMention({
        agentId,
        issueId,
        author: ws.me.name,
        text: comment.text,
        key: `mention:${id}:${agentId}`,
      }).catch(() => setNotice('The comment is saved, but a mention could not be notified.'));
    }
    if (mentioned.length) {
      const names = mentioned.map((m) => people.find((p) => p.id === m)?.name).join(', ');
      setNotice(`Notified ${names}.`);
    }
    return true;
  };

  const sendReply = (threadId: string) => {
    if (!post(reply, threadId)) return;
    setReply('');
    setReplyTo(null);
  };
  const sendNew = () => {
    if (post(draft)) setDraft('');
  };

  const resolve = (thread: WorkspaceComment) =>
    ws?.comments?.set(thread.id, { ...thread, resolved: !thread.resolved });

  return (
    <section className="ws-section" aria-label="Comments">
      <h3 className="ws-title">Comments</h3>
      {threads.length === 0 && (
        <p className="muted small">No comments yet. Ask the team something; @mention to notify.</p>
      )}
      <ul className="threads">
        {threads.map((thread) => (
          <li key={thread.id} className={thread.resolved ? 'thread thread-resolved' : 'thread'}>
            <CommentBody comment={thread} />
            <ul className="replies">
              {repliesOf(thread.id).map((r) => (
                <li key={r.id}>
                  <CommentBody comment={r} />
                </li>
              ))}
            </ul>
            {replyTo === thread.id ? (
              <div className="reply-box">
                <MentionTextarea
                  label="Reply"
                  value={reply}
                  onChange={setReply}
                  people={people}
                  placeholder="Reply… (@ to mention)"
                  onSubmit={() => sendReply(thread.id)}
                />
                <div className="row-actions">
                  <button
                    type="button"
                    className="button button-small button-primary"
                    disabled={!reply.trim()}
                    onClick={() => sendReply(thread.id)}
                  >
                    Reply
                  </button>
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    onClick={() => setReplyTo(null)}
                  >
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <div className="row-actions">
                <button
                  type="button"
                  className="button button-small button-ghost"
                  onClick={() => setReplyTo(thread.id)}
                >
                  Reply
                </button>
                <button
                  type="button"
                  className="button button-small button-ghost"
                  onClick={() => resolve(thread)}
                >
                  {thread.resolved ? 'Reopen' : 'Resolve'}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <MentionTextarea
        label="New comment"
        value={draft}
        onChange={setDraft}
        people={people}
        placeholder="Start a thread… (@ to mention, Ctrl+Enter to post)"
        onSubmit={sendNew}
      />
      <div className="row-actions">
        <button
          type="button"
          className="button button-small button-primary"
          disabled={!draft.trim() || !ws?.comments}
          onClick={sendNew}
        >
          Comment
        </button>
        {notice && (
          <span className="muted small" role="status">
            {notice}
          </span>
        )}
      </div>
    </section>
  );
}
