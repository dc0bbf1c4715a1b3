import type { IncomingMessage } from 'node:http';

export type OrgRole = 'Viewer' | 'Editor' | 'Admin';

export const ROLE_COOKIE = 'preview_role';
export const THEME_COOKIE = 'preview_theme';

const ROLES: readonly OrgRole[] = ['Viewer', 'Editor', 'Admin'];

/** The RBAC actions of Grafana's basic roles that the app may check (a small subset). */
const PERMISSIONS: Record<OrgRole, string[]> = {
  Viewer: ['dashboards:read', 'folders:read', 'datasources:query', 'alert.rules:read', 'alert.rules.external:read'],
  Editor: [
    'dashboards:read',
    'dashboards:write',
    'dashboards:create',
    'dashboards:delete',
    'folders:read',
    'folders:create',
    'folders:write',
    'datasources:query',
    'datasources:explore',
    'alert.rules:read',
    'alert.rules:write',
    'alert.rules:create',
    'alert.rules:delete',
    'alert.rules.external:read',
    'alert.rules.external:write',
    'alert.provisioning.provenance:write',
  ],
  Admin: [],
};
PERMISSIONS.Admin = [
  ...PERMISSIONS.Editor,
  'folders:delete',
  'plugins:write',
  'datasources:read',
  'datasources:write',
  'alert.provisioning:write',
];

export function parseRole(value: string | undefined | null): OrgRole | undefined {
  return ROLES.find((role) => role.toLowerCase() === value?.toLowerCase());
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return out;
}

/** The role of a request: the `preview_role` cookie (set from `?role=` on a page load), Admin by default. */
export function roleOf(req: IncomingMessage): OrgRole {
  return parseRole(cookies(req)[ROLE_COOKIE]) ?? 'Admin';
}

export function canEdit(role: OrgRole): boolean {
  return role !== 'Viewer';
}

export function login(role: OrgRole): string {
  return role.toLowerCase();
}

/** `GET /api/user` of the preview's one user per role. */
export function userDto(role: OrgRole, theme: string) {
  const id = ROLES.indexOf(role) + 1;
  return {
    id,
    uid: `preview-${login(role)}`,
    email: `${login(role)}@preview.local`,
    name: `Preview ${role}`,
    login: login(role),
    theme,
    orgId: 1,
    isGrafanaAdmin: role === 'Admin',
    isDisabled: false,
    isExternal: false,
    isExternallySynced: false,
    isGrafanaAdminExternallySynced: false,
    authLabels: [],
    updatedAt: '2024-01-01T00:00:00Z',
    createdAt: '2024-01-01T00:00:00Z',
    avatarUrl: '',
  };
}

/** `window.grafanaBootData.user`, as Grafana renders it into index.html. */
export function bootUser(role: OrgRole, theme: string) {
  const dto = userDto(role, theme);
  return {
    id: dto.id,
    uid: dto.uid,
    login: dto.login,
    email: dto.email,
    name: dto.name,
    externalUserId: '',
    theme,
    lightTheme: theme === 'light',
    orgCount: 1,
    orgId: 1,
    orgName: 'Main Org.',
    orgRole: role,
    isSignedIn: true,
    isGrafanaAdmin: role === 'Admin',
    gravatarUrl: '',
    timezone: 'browser',
    weekStart: 'browser',
    locale: 'en-US',
    language: 'en-US',
    regionalFormat: 'en-US',
    helpFlags1: 0,
    hasEditPermissionInFolders: canEdit(role),
    permissions: Object.fromEntries(PERMISSIONS[role].map((action) => [action, true])),
    analytics: { identifier: dto.login },
    authenticatedBy: 'password',
  };
}

/** Grafana's answer when RBAC refuses an action. */
export function accessDenied(action: string) {
  return {
    accessErrorId: `ACE${Math.floor(Math.random() * 1e10)}`,
    message: `You'll need additional permissions to perform this action. Permissions needed: ${action}`,
    title: 'Access denied',
  };
}

/** The preview org's teams, and those its Viewer and Editor belong to (an Admin sees every team, as in Grafana). */
const TEAMS: ReadonlyArray<{ id: number; name: string; members: readonly OrgRole[] }> = [
  { id: 1, name: 'payments', members: ['Editor'] },
  { id: 2, name: 'payments-sre', members: ['Viewer', 'Editor'] },
  { id: 3, name: 'search', members: [] },
  { id: 4, name: 'platform-sre', members: ['Editor'] },
];

/**
 * `GET /api/teams/search?query=&perpage=&page=`: the teams whose name contains `query`, case-insensitive, of those
 * the user may see (its own teams; all of them for an org admin), a page at a time.
 */
export function searchTeams(role: OrgRole, params: URLSearchParams) {
  const query = (params.get('query') ?? '').toLowerCase();
  const perPage = Math.max(1, Number(params.get('perpage')) || 1000);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const visible = TEAMS.filter((t) => role === 'Admin' || t.members.includes(role));
  const found = visible.filter((t) => t.name.toLowerCase().includes(query));
  return {
    totalCount: found.length,
    teams: found.slice((page - 1) * perPage, page * perPage).map((t) => ({
      id: t.id,
      uid: `team-${t.id}`,
      orgId: 1,
      name: t.name,
      email: '',
      avatarUrl: '',
      memberCount: t.members.length + 1,
    })),
    page,
    perPage,
  };
}
