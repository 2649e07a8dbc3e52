import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logout } from '../api/auth.ts';
import { session } from '../auth/session.ts';

/** Revokes the token on the server (best effort) and forgets it and every cached response. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const token = session.token();
      if (token) {
        try {
          await logout(token);
        } catch {
          // An already-invalid token or an API key that cannot log out: signing out locally is enough.
        }
      }
    },
    onSettled: () => {
      session.end('signed_out');
      queryClient.clear();
    },
  });
}
