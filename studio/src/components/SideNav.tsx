import { NavLink } from 'react-router';

/** The app's sections. New areas (e.g. the flow editor) add a link here and a route in router.tsx. */
const SECTIONS = [
  { to: '/inbox', label: 'Inbox' },
  { to: '/team', label: 'Teams & agents' },
  { to: '/flows', label: 'Flows' },
  { to: '/analytics', label: 'Analytics' },
];

export function SideNav() {
  return (
    <nav aria-label="Main" className="sidenav">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.to}>
            <NavLink to={section.to} className={({ isActive }) => (isActive ? 'navlink active' : 'navlink')}>
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
