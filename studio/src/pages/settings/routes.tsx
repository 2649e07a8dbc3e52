import { Navigate, type RouteObject } from 'react-router';
import { KnowledgeBasePage } from './kb/KnowledgeBasePage.tsx';
import { NotificationPoliciesPage } from './notifications/NotificationPoliciesPage.tsx';
import { PeoplePage } from './people/PeoplePage.tsx';
import { PluginsPage } from './plugins/PluginsPage.tsx';
import { RoutingPoliciesPage } from './routing/RoutingPoliciesPage.tsx';
import { SettingsLayout } from './SettingsLayout.tsx';
import { SlaCalculatorPage } from './sla/SlaCalculatorPage.tsx';
import { SlaPoliciesPage } from './sla/SlaPoliciesPage.tsx';
import { TeamsSettingsPage } from './teams/TeamsSettingsPage.tsx';
import { TemplatesPage } from './templates/TemplatesPage.tsx';

/** The Settings area (admins) and the knowledge base review, as routes under the app shell. */
export const settingsRoutes: RouteObject[] = [
  { path: 'knowledge', element: <KnowledgeBasePage /> },
  {
    path: 'settings',
    element: <SettingsLayout />,
    children: [
      { index: true, element: <Navigate to="plugins" replace /> },
      { path: 'plugins', element: <PluginsPage /> },
      { path: 'plugins/:name', element: <PluginsPage /> },
      { path: 'routing', element: <RoutingPoliciesPage /> },
      { path: 'sla', element: <SlaPoliciesPage /> },
      { path: 'sla-calculator', element: <SlaCalculatorPage /> },
      { path: 'teams', element: <TeamsSettingsPage /> },
      { path: 'people', element: <PeoplePage /> },
      { path: 'notifications', element: <NotificationPoliciesPage /> },
      { path: 'templates', element: <TemplatesPage /> },
    ],
  },
];
