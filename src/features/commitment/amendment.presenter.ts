import type { z } from 'zod';
import type { amendmentJson } from './amendment.json.js';
import type { AmendmentView } from './amendment.service.js';
import { amendmentUrls } from './amendment.rules.js';

export function presentAmendment(ogpId: string, a: AmendmentView): z.infer<typeof amendmentJson> {
  return {
    id: a.row.id,
    number: a.row.number,
    status: a.row.status,
    justification: a.row.justification,
    changes: a.changes.fields,
    milestones: a.changes.milestones,
    proposedAt: a.row.proposed_at,
    proposedBy: a.proposedBy,
    decidedAt: a.row.decided_at,
    decidedBy: a.decidedBy,
    decisionNote: a.row.decision_note,
    historyVersion: a.row.history_version,
    url: `${amendmentUrls.list(ogpId)}#amandemen-${a.row.number}`,
  };
}
