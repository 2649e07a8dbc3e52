import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { session } from '../auth/session.ts';
import { queryKeys } from '../lib/queryKeys.ts';
import { bellPlainText } from '../notifications/bellText.ts';
import { openNotificationStream, type StreamState } from '../notifications/stream.ts';
import { useSession } from './useSession.ts';

/**
 * Follows my notification stream for as long as I am signed in: each push refreshes my notifications
 * and my work (an offer just arrived), and shows a browser notification when I allowed them.
 */
export function useNotificationStream(): StreamState {
  const current = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    const token = current?.token ?? session.token();
    if (!token) return;
    return openNotificationStream({
      token,
      onState: setState,
      onPush(push) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
        void queryClient.invalidateQueries({ queryKey: queryKeys.myWork });
        void queryClient.invalidateQueries({ queryKey: queryKeys.slaRunning });
        if (push.issueId) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.issueHandoffs(push.issueId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.issueEscalations(push.issueId) });
        }
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
          const shown = new Notification(push.subject ?? 'Baton', {
            body: bellPlainText(push.text, push.issueId),
            tag: push.notificationId,
          });
          shown.onclick = () => {
            window.focus();
            if (push.issueId) navigate(`/issues/${encodeURIComponent(push.issueId)}`);
            shown.close();
          };
        }
      },
    });
  }, [current?.token, queryClient, navigate]);

  return state;
}
