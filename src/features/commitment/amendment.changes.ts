import type { DbOrTrx } from '../../storage/database.js';
import { invalid, type FieldError } from '../../errors.js';
import type { CommitmentRow, MilestoneRow } from './commitment.repository.js';
import type { CommitmentInput, MilestoneInput } from './commitment.schema.js';
import { commitmentAsInput, validateCommitment, type ActionDeps } from './commitment.service.js';
import { milestoneAsInput, validate as validateMilestone } from './milestone.service.js';
import {
  CORE_COMMITMENT_FIELDS,
  CORE_MILESTONE_FIELDS,
  changedCore,
  type CoreMilestoneField,
} from './amendment.rules.js';
import type { AmendmentInput } from './amendment.schema.js';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface MilestoneChange {
  op: 'add' | 'change' | 'remove';
  milestoneId: string | null;
  activity: string;
  changes: FieldChange[];
}

/** What an amendment changes, stored as `changes_json`: each core value from → to. */
export interface AmendmentChanges {
  fields: FieldChange[];
  milestones: MilestoneChange[];
}

export const isEmptyChange = (c: AmendmentChanges) => !c.fields.length && !c.milestones.length;

const loadMilestones = (db: DbOrTrx, commitmentId: string) =>
  db.selectFrom('milestones').selectAll().where('commitment_id', '=', commitmentId).orderBy('position').execute();

const coreOf = (m: MilestoneInput) =>
  Object.fromEntries(CORE_MILESTONE_FIELDS.map((k) => [k, m[k]])) as Record<CoreMilestoneField, unknown>;

/**
 * Turns a proposal into the from → to record, checking it against the commitment as it is now:
 * the merged commitment and every new or changed milestone must pass the same rules as a direct
 * edit; a removed milestone must have no evidence (evidence is never thrown away).
 */
export async function diffProposal(
  deps: ActionDeps,
  c: CommitmentRow,
  input: AmendmentInput,
): Promise<AmendmentChanges> {
  const current = await commitmentAsInput(deps.db, c);
  const keys = changedCore(CORE_COMMITMENT_FIELDS, current, input.changes);
  const merged: CommitmentInput = { ...current, ...Object.fromEntries(keys.map((k) => [k, input.changes[k]])) };
  await validateCommitment(deps.db, c.plan_id, merged);
  const rows = await loadMilestones(deps.db, c.id);
  const errors: FieldError[] = [];
  const milestones: MilestoneChange[] = [];
  for (const [i, m] of input.milestones.entries()) {
    if (m.op === 'add') {
      const { op: _op, ...fields } = m;
      const added: MilestoneInput = { ...fields, status: 'not_started', progressPercent: 0, completedOn: null };
      await validateMilestone(deps, c.plan_id, added, null);
      const core = coreOf(added);
      milestones.push({
        op: 'add',
        milestoneId: null,
        activity: added.activity,
        changes: CORE_MILESTONE_FIELDS.map((k) => ({ field: k, from: null, to: core[k] })),
      });
      continue;
    }
    const row = rows.find((r) => r.id === m.id);
    if (!row) {
      errors.push({ field: `milestones.${i}.id`, message: 'amendment.rule.unknownMilestone' });
      continue;
    }
    if (m.op === 'remove') {
      const evidence = await deps.db.selectFrom('evidence').select('id').where('milestone_id', '=', row.id).execute();
      if (evidence.length) errors.push({ field: `milestones.${i}.id`, message: 'amendment.rule.removeWithEvidence' });
      else milestones.push({ op: 'remove', milestoneId: row.id, activity: row.activity, changes: [] });
      continue;
    }
    const before = milestoneAsInput(row);
    const { op: _op, id: _id, ...fields } = m;
    const changed = changedCore(CORE_MILESTONE_FIELDS, before, fields);
    if (!changed.length) continue;
    const after: MilestoneInput = { ...before, ...Object.fromEntries(changed.map((k) => [k, fields[k]])) };
    await validateMilestone(deps, c.plan_id, after, row.id);
    milestones.push({
      op: 'change',
      milestoneId: row.id,
      activity: row.activity,
      changes: changed.map((k) => ({ field: k, from: before[k], to: after[k] })),
    });
  }
  if (errors.length) throw invalid(errors);
  return { fields: keys.map((k) => ({ field: k, from: current[k], to: merged[k] })), milestones };
}

/** The merged commitment input and milestone inputs an approved amendment writes. */
export async function applyPlan(db: DbOrTrx, c: CommitmentRow, changes: AmendmentChanges) {
  const current = await commitmentAsInput(db, c);
  const stale = changes.fields.some(
    (f) => JSON.stringify(current[f.field as keyof CommitmentInput]) !== JSON.stringify(f.from),
  );
  const merged: CommitmentInput = { ...current, ...Object.fromEntries(changes.fields.map((f) => [f.field, f.to])) };
  const rows = await loadMilestones(db, c.id);
  const updates: Array<{ row: MilestoneRow; input: MilestoneInput }> = [];
  const removals: MilestoneRow[] = [];
  const additions: MilestoneInput[] = [];
  let milestoneStale = false;
  for (const m of changes.milestones) {
    const values = Object.fromEntries(m.changes.map((f) => [f.field, f.to]));
    if (m.op === 'add') {
      additions.push({
        ...(values as unknown as MilestoneInput),
        status: 'not_started',
        progressPercent: 0,
        completedOn: null,
      });
      continue;
    }
    const row = rows.find((r) => r.id === m.milestoneId);
    if (!row) {
      milestoneStale = true;
      continue;
    }
    if (m.op === 'remove') removals.push(row);
    else {
      const before = milestoneAsInput(row);
      if (m.changes.some((f) => JSON.stringify(before[f.field as CoreMilestoneField]) !== JSON.stringify(f.from)))
        milestoneStale = true;
      updates.push({ row, input: { ...before, ...values } });
    }
  }
  return { merged, updates, removals, additions, stale: stale || milestoneStale };
}
