import { Navigate, useSearchParams } from 'react-router';
import { session } from '../auth/session.ts';
import { useSession } from '../hooks/useSession.ts';
import { PasswordSignInForm } from './signin/PasswordSignInForm.tsx';
import { TokenSignInForm } from './signin/TokenSignInForm.tsx';

/** Only same-app paths are followed after sign-in (no open redirects). */
function safeNext(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function SignInPage() {
  const current = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (current) return <Navigate to={next} replace />;

  const expired = session.endReason() === 'expired';
  return (
    <div className="signin">
      <div className="signin-card">
        <div className="signin-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <h1>Sign in to Baton</h1>
        </div>
        {expired && (
          <p className="notice notice-info" role="status">
            Your session has ended. Please sign in again.
          </p>
        )}
        <PasswordSignInForm />
        <div className="signin-divider">
          <span>or</span>
        </div>
        <TokenSignInForm />
      </div>
    </div>
  );
}
