import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../actor/actor.js';
import { canReportMilestone } from './commitment.policy.js';

const user = (...roles: CurrentUser['roles']): CurrentUser => ({ id: 'u', email: 'u@example.id', name: 'U', roles });
const LEAD = 'org-lead';
const RESPONSIBLE = 'org-responsible';

describe('who may report a milestone (canReportMilestone)', () => {
  it("lets the commitment's editors report: admins and the lead organisation's produsen", () => {
    expect(canReportMilestone(user({ role: 'admin', organizationId: null }), RESPONSIBLE, LEAD)).toBe(true);
    expect(canReportMilestone(user({ role: 'produsen', organizationId: LEAD }), RESPONSIBLE, LEAD)).toBe(true);
    expect(canReportMilestone(user({ role: 'produsen', organizationId: LEAD }), null, LEAD)).toBe(true);
  });

  it('lets the produsen of the organisation responsible for the milestone report, even if it does not lead', () => {
    expect(canReportMilestone(user({ role: 'produsen', organizationId: RESPONSIBLE }), RESPONSIBLE, LEAD)).toBe(true);
    expect(canReportMilestone(user({ role: 'produsen', organizationId: RESPONSIBLE }), RESPONSIBLE, null)).toBe(true);
  });

  it('refuses everyone else: nobody, other organisations, other roles of the responsible organisation, milestones with no one responsible', () => {
    expect(canReportMilestone(null, RESPONSIBLE, LEAD)).toBe(false);
    expect(canReportMilestone(user({ role: 'produsen', organizationId: 'org-other' }), RESPONSIBLE, LEAD)).toBe(false);
    expect(canReportMilestone(user({ role: 'walidata', organizationId: RESPONSIBLE }), RESPONSIBLE, LEAD)).toBe(false);
    expect(canReportMilestone(user({ role: 'produsen', organizationId: RESPONSIBLE }), null, LEAD)).toBe(false);
    expect(canReportMilestone(user({ role: 'warga', organizationId: null }), RESPONSIBLE, null)).toBe(false);
  });
});
