import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ErrorNotice } from './ErrorNotice.tsx';

/** The router's error boundary: a crash in a page shows this instead of a blank screen. */
export function RouteError() {
  const error = useRouteError();
  const title = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : 'This page failed to render';
  return (
    <div className="page page-narrow">
      <ErrorNotice
        error={isRouteErrorResponse(error) ? new Error(String(error.data ?? error.statusText)) : error}
        title={title}
        onRetry={() => window.location.reload()}
      />
      <p>
        <Link to="/inbox">Back to the inbox</Link>
      </p>
    </div>
  );
}
