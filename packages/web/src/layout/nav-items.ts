export interface NavItem {
  label: string;
  path: string;
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
  { label: 'Settings', path: '/settings' },
];
