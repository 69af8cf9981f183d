import type { Role } from '@synthorg/shared';

export interface NavItem {
  label: string;
  path: string;
  /** Only these roles see the entry (and may open the page); everyone when absent. */
  roles?: readonly Role[];
}

/** The sidebar, in the order users work through the company. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Overview', path: '/' },
  { label: 'Org chart', path: '/org' },
  { label: 'Agents', path: '/agents' },
  { label: 'Tasks', path: '/tasks' },
  { label: 'Approvals', path: '/approvals' },
  { label: 'Budget', path: '/budget' },
  { label: 'Messages', path: '/messages' },
  { label: 'Meetings', path: '/meetings' },
  { label: 'Users', path: '/users', roles: ['ceo'] },
  { label: 'Settings', path: '/settings' },
];

/** The entries a role sees. */
export function navItemsFor(role: Role | undefined): NavItem[] {
  return NAV_ITEMS.filter(
    (item) => !item.roles || (role !== undefined && item.roles.includes(role)),
  );
}
