import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchMe, login } from '../api/auth.ts';
import { session } from '../auth/session.ts';
import { queryKeys } from '../lib/queryKeys.ts';

export type SignInInput =
  | { method: 'password'; email: string; password: string }
  | { method: 'token'; token: string };

/** Signs in with email + password, or with a pasted API/admin token (checked against /api/auth/me first). */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignInInput) => {
      queryClient.clear();
      if (input.method === 'password') {
        const result = await login(input.email, input.password);
        const principal = await fetchMe({ token: result.token });
        session.start({ token: result.token, expiresAt: result.expiresAt });
        return principal;
      }
      const token = input.token.trim();
      const principal = await fetchMe({ token });
      session.start({ token });
      return principal;
    },
    onSuccess: (principal) => {
      queryClient.setQueryData(queryKeys.me, principal);
    },
  });
}
