import type { Role } from '../../actor/actor.js';
import { isTokenScope } from './token-scope.js';
import type { listApiTokens, listGrantsWithOrganization } from './account.repository.js';

type GrantRow = Awaited<ReturnType<typeof listGrantsWithOrganization>>[number];
type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

export function presentGrant(g: GrantRow) {
  return {
    role: g.role as Role,
    organization: g.organization_id
      ? { id: g.organization_id, slug: g.organization_slug ?? '', name: g.organization_name ?? '' }
      : null,
  };
}

export function presentMe(
  user: { id: string; email: string; name: string; locale: string; position?: string },
  grants: GrantRow[],
) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    position: user.position ?? '',
    locale: user.locale,
    roles: grants.map(presentGrant),
  };
}

export function presentToken(t: TokenRow) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: isTokenScope(t.scope) ? t.scope : 'read',
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  };
}
