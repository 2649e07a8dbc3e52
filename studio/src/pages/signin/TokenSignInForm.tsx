import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useSignIn } from '../../hooks/useSignIn.ts';

/** For API keys and the admin token printed by the server on first start. */
export function TokenSignInForm() {
  const signIn = useSignIn();
  const [token, setToken] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ method: 'token', token });
  };

  return (
    <form className="form" onSubmit={onSubmit}>
      <label className="field">
        <span className="field-label">API or admin token</span>
        <input
          type="password"
          name="token"
          autoComplete="off"
          spellCheck={false}
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
      </label>
      {signIn.error && <ErrorNotice error={signIn.error} title="Token rejected" compact />}
      <button type="submit" className="button" disabled={signIn.isPending || !token.trim()}>
        {signIn.isPending ? 'Checking…' : 'Sign in with token'}
      </button>
    </form>
  );
}
