import { describe, expect, it } from 'vitest';
import { actorOf, hasRole, isAdmin, organizationsFor, SYSTEM_ACTOR, type CurrentUser } from './actor.js';

const produsen: CurrentUser = {
  id: 'u1',
  email: 'p@example.id',
  name: 'P',
  roles: [{ role: 'produsen', organizationId: 'org-a' }],
};
const admin: CurrentUser = {
  id: 'u2',
  email: 'a@example.id',
  name: 'A',
  roles: [{ role: 'admin', organizationId: null }],
};

describe('actor', () => {
  it('a produsen acts only for their own organisation; an admin passes every check', () => {
    expect(hasRole(produsen, ['produsen'], 'org-a')).toBe(true);
    expect(hasRole(produsen, ['produsen'], 'org-b')).toBe(false);
    expect(hasRole(produsen, ['walidata'])).toBe(false);
    expect(hasRole(admin, ['walidata'], 'org-b')).toBe(true);
    expect(hasRole(null, ['warga'])).toBe(false);
    expect(isAdmin(admin) && !isAdmin(produsen) && !isAdmin(null)).toBe(true);
    expect(organizationsFor(produsen, ['produsen'])).toEqual(['org-a']);
  });

  it('the audit log names the user by e-mail, and a change without one as anonymous or the system', () => {
    expect(actorOf(produsen, 'anonymous')).toEqual({ id: 'u1', label: 'p@example.id' });
    expect(actorOf(null, 'anonymous')).toEqual({ id: null, label: 'anonymous' });
    expect(actorOf(null, 'system')).toEqual(SYSTEM_ACTOR);
    expect(SYSTEM_ACTOR).toEqual({ id: null, label: 'system' });
  });
});
