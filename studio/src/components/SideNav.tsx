import { NavLink } from 'react-router';
import { useMe } from '../hooks/useMe.ts';
import { canSee, NAV_GROUPS } from './navigation.ts';

/** The app's sections for this person's roles: an agent's path is their work, not the designer's tools. */
export function SideNav() {
  const me = useMe();
  const roles = me.data?.roles ?? [];
  const groups = NAV_GROUPS.map((group) => ({
    ...group,
    entries: group.entries.filter((entry) => canSee(entry, roles)),
  })).filter((group) => group.entries.length > 0);

  return (
    <nav aria-label="Main" className="sidenav">
      {groups.map((group) => (
        <div key={group.label} className="sidenav-group">
          <p className="sidenav-group-label">{group.label}</p>
          <ul>
            {group.entries.map((entry) => (
              <li key={entry.to}>
                <NavLink
                  to={entry.to}
                  className={({ isActive }) => (isActive ? 'navlink active' : 'navlink')}
                >
                  {entry.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
