import path from 'node:path';
import type { Readable } from 'node:stream';
import { type CurrentUser, actorOf } from '../../actor/actor.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { fileStoreOf } from '../../files/file-store.js';
import { evidenceKey } from '../../files/file-layouts.js';
import { checkFileType, extensionOf } from '../../files/file-type.js';
import { recordAudit } from '../audit/audit.service.js';
import { canEditCommitment } from '../plan/plan.access.js';
import { findCommitmentById, findEvidence, leadOrganizationOf, type EvidenceRow } from './commitment.repository.js';
import {
  notifyCommitmentChange,
  recordCommitmentVersion,
  requireOpenPlanOf,
  type ActionDeps,
} from './commitment.service.js';
import { getMilestone, requireMilestoneReporter } from './milestone.service.js';
import type { EvidenceLinkInput } from './commitment.schema.js';
import type { DbOrTrx } from '../../storage/database.js';

/** Accepted evidence files, in the order the form lists them; their content is checked against the extension. */
export const EVIDENCE_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'csv', 'txt'];

export interface EvidenceFileInput {
  title: string;
  evidenceDate: string;
  visibility: 'public' | 'internal';
  fileName: string;
  content: Buffer;
}

export const evidenceTooLarge = (maxBytes: number) =>
  new AppError('EVIDENCE_TOO_LARGE', 413, { maxBytes }, { mb: Math.round(maxBytes / 1024 / 1024) });

/** Checks an uploaded file's size and type (extension and first bytes); returns its stored media type. */
export async function checkEvidenceFile(maxBytes: number, fileName: string, content: Buffer): Promise<string> {
  if (content.length > maxBytes) throw evidenceTooLarge(maxBytes);
  if (!content.length) throw invalid([{ field: 'file', message: 'commitment.rule.fileEmpty' }]);
  const ext = extensionOf(fileName);
  const type = await checkFileType(fileName, content, EVIDENCE_EXTENSIONS);
  if (!type.ok && type.reason === 'extension')
    throw new AppError(
      'EVIDENCE_TYPE_FORBIDDEN',
      415,
      { extension: ext, allowed: EVIDENCE_EXTENSIONS },
      { types: EVIDENCE_EXTENSIONS.join(', ') },
    );
  if (!type.ok) throw new AppError('EVIDENCE_CONTENT_MISMATCH', 415, { extension: ext }, { ext });
  return type.mediaType;
}

async function requireOpenPlanOfMilestone(deps: ActionDeps, m: { commitment_id: string }): Promise<void> {
  const c = await findCommitmentById(deps.db, m.commitment_id);
  if (c) await requireOpenPlanOf(deps.db, c.plan_id);
}

const safeName = (name: string) =>
  path
    .basename(name)
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .slice(0, 200) || 'bukti';

async function insertEvidence(
  deps: ActionDeps,
  user: CurrentUser,
  milestoneId: string,
  row: Omit<
    EvidenceRow,
    'id' | 'milestone_id' | 'commitment_id' | 'uploaded_by' | 'uploader_organization_id' | 'created_at'
  >,
  id = newId(),
  onFail?: () => void,
): Promise<EvidenceRow> {
  const m = await getMilestone(deps.db, milestoneId);
  const c = (await findCommitmentById(deps.db, m.commitment_id))!;
  const orgId = user.roles.find((r) => r.role === 'produsen' && r.organizationId)?.organizationId ?? null;
  const evidence: EvidenceRow = {
    id,
    milestone_id: m.id,
    commitment_id: c.id,
    uploaded_by: user.id,
    uploader_organization_id: orgId,
    created_at: nowIso(),
    ...row,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('evidence').values(evidence).execute();
      await trx.updateTable('milestones').set({ updated_at: nowIso() }).where('id', '=', m.id).execute();
      await recordAudit(trx, actorOf(user, 'anonymous'), {
        action: 'evidence.add',
        entityType: 'evidence',
        entityId: evidence.id,
        after: { ...evidence },
      });
      await recordCommitmentVersion(trx, user, c.id, m.id);
    });
  } catch (e) {
    onFail?.();
    throw e;
  }
  if (evidence.visibility === 'public')
    await notifyCommitmentChange(deps, user, c, 'commitment.notice.evidenceAdded', {
      activity: m.activity,
      evidence: evidence.title,
    });
  return evidence;
}

export async function addEvidenceFile(
  deps: ActionDeps,
  user: CurrentUser | null,
  milestoneId: string,
  input: EvidenceFileInput,
): Promise<EvidenceRow> {
  const m = await getMilestone(deps.db, milestoneId);
  const u = await requireMilestoneReporter(deps, user, m);
  await requireOpenPlanOfMilestone(deps, m);
  const mediaType = await checkEvidenceFile(deps.config.evidenceMaxBytes, input.fileName, input.content);
  const id = newId();
  const store = fileStoreOf(deps.config.dataDir);
  const stored = await store.put(input.content, evidenceKey(id));
  return insertEvidence(
    deps,
    u,
    milestoneId,
    {
      kind: 'file',
      title: input.title.trim(),
      url: null,
      file_name: safeName(input.fileName),
      media_type: mediaType,
      size_bytes: stored.bytes,
      sha256: stored.sha256,
      evidence_date: input.evidenceDate,
      visibility: input.visibility,
    },
    id,
    () => void store.remove(stored.key),
  );
}

export async function addEvidenceLink(
  deps: ActionDeps,
  user: CurrentUser | null,
  milestoneId: string,
  input: EvidenceLinkInput,
): Promise<EvidenceRow> {
  const m = await getMilestone(deps.db, milestoneId);
  const u = await requireMilestoneReporter(deps, user, m);
  await requireOpenPlanOfMilestone(deps, m);
  return insertEvidence(deps, u, milestoneId, {
    kind: 'link',
    title: input.title.trim(),
    url: input.url,
    file_name: null,
    media_type: null,
    size_bytes: null,
    sha256: null,
    evidence_date: input.evidenceDate,
    visibility: input.visibility,
  });
}

/** Whether this user may see internal evidence of the commitment. */
export async function canSeeInternalEvidence(
  db: DbOrTrx,
  user: CurrentUser | null,
  commitmentId: string,
): Promise<boolean> {
  if (!user) return false;
  if (canEditCommitment(user, await leadOrganizationOf(db, commitmentId))) return true;
  const own = user.roles.filter((r) => r.role === 'produsen' && r.organizationId).map((r) => r.organizationId!);
  if (!own.length) return false;
  const m = await db
    .selectFrom('milestones')
    .select('id')
    .where('commitment_id', '=', commitmentId)
    .where('responsible_organization_id', 'in', own)
    .executeTakeFirst();
  return !!m;
}

/** An evidence file for download; internal evidence only for the commitment's staff. */
export async function openEvidenceFile(
  deps: ActionDeps,
  user: CurrentUser | null,
  id: string,
): Promise<{ row: EvidenceRow; stream: Readable }> {
  const row = await findEvidence(deps.db, id);
  if (!row || row.kind !== 'file') throw new AppError('EVIDENCE_NOT_FOUND', 404, { id });
  if (row.visibility === 'internal' && !(await canSeeInternalEvidence(deps.db, user, row.commitment_id)))
    throw new AppError('EVIDENCE_NOT_FOUND', 404, { id });
  const stream = await fileStoreOf(deps.config.dataDir).open(evidenceKey(row.id));
  if (!stream) throw new AppError('EVIDENCE_NOT_FOUND', 404, { id });
  return { row, stream };
}
