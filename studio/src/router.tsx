import { createBrowserRouter } from 'react-router';
import { AppShell } from './components/AppShell.tsx';
import { HomeRedirect } from './components/HomeRedirect.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import { RouteError } from './components/RouteError.tsx';
import { CustomerPage } from './pages/customer/CustomerPage.tsx';
import { FlowsPage } from './pages/flows/FlowsPage.tsx';
import { InboxPage } from './pages/inbox/InboxPage.tsx';
import { IssuePage } from './pages/issue/IssuePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { settingsRoutes } from './pages/settings/routes.tsx';
import { TeamsPage } from './pages/team/TeamsPage.tsx';
import { MyWorkPage } from './pages/work/MyWorkPage.tsx';

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <AppShell />,
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomeRedirect /> },
              { path: 'work', element: <MyWorkPage /> },
              { path: 'inbox', element: <InboxPage /> },
              { path: 'issues/:issueId', element: <IssuePage /> },
              { path: 'customers/:customerId', element: <CustomerPage /> },
              { path: 'team', element: <TeamsPage /> },
              { path: 'flows', element: <FlowsPage /> },
              {
                path: 'analytics',
                // The charts (recharts) load when the dashboard is first opened.
                lazy: async () => ({
                  Component: (await import('./pages/analytics/AnalyticsPage.tsx')).AnalyticsPage,
                }),
              },
              {
                path: 'flows/:flowId',
                // The editor (React Flow, Yjs, the form library) loads when a flow is first opened.
                lazy: async () => ({
                  Component: (await import('./pages/editor/FlowEditorPage.tsx')).FlowEditorPage,
                }),
              },
              ...settingsRoutes,
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
