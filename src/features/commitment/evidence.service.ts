import fs from 'node:fs';
import path from 'node:path';
import { type CurrentUser, actorOf } from '../../actor/actor.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso, sha256 } from '../../ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { canEditCommitment } from '../plan/plan.access.js';
import { findCommitmentById, findEvidence, leadOrganizationOf, type EvidenceRow } from './commitment.repository.js';
import { notifyCommitmentChange, recordCommitmentVersion, type ActionDeps } from './commitment.service.js';
import { getMilestone, requireMilestoneReporter } from './milestone.service.js';
import type { EvidenceLinkInput } from './commitment.schema.js';
import type { DbOrTrx } from '../../storage/database.js';

/** Accepted evidence files: extension → media type and a check of the first bytes. */
const ZIP = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const TEXT = (b: Buffer) => !b.subarray(0, 8192).includes(0);
export const EVIDENCE_TYPES: Record<string, { mediaType: string; looksRight: (b: Buffer) => boolean }> = {
  pdf: { mediaType: 'application/pdf', looksRight: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  jpg: { mediaType: 'image/jpeg', looksRight: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { mediaType: 'image/jpeg', looksRight: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  png: { mediaType: 'image/png', looksRight: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', looksRight: ZIP },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', looksRight: ZIP },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', looksRight: ZIP },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', looksRight: ZIP },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', looksRight: ZIP },
  csv: { mediaType: 'text/csv; charset=utf-8', looksRight: TEXT },
  txt: { mediaType: 'text/plain; charset=utf-8', looksRight: TEXT },
};
export const EVIDENCE_EXTENSIONS = Object.keys(EVIDENCE_TYPES);

export const evidenceDir = (dataDir: string) => path.join(dataDir, 'evidence');
const evidencePath = (dataDir: string, id: string) => path.join(evidenceDir(dataDir), id);

export interface EvidenceFileInput {
  title: string;
  evidenceDate: string;
  visibility: 'public' | 'internal';
  fileName: string;
  content: Buffer;
}

/** Checks an uploaded file's size and type (extension and first bytes); returns its stored media type. */
export function checkEvidenceFile(maxBytes: number, fileName: string, content: Buffer): string {
  if (content.length > maxBytes) throw new AppError('EVIDENCE_TOO_LARGE', 413, { maxBytes }, { mb: Math.round(maxBytes / 1024 / 1024) });
  if (!content.length) throw invalid([{ field: 'file', message: 'commitment.rule.fileEmpty' }]);
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const type = EVIDENCE_TYPES[ext];
  if (!type) throw new AppError('EVIDENCE_TYPE_FORBIDDEN', 415, { extension: ext, allowed: EVIDENCE_EXTENSIONS }, { types: EVIDENCE_EXTENSIONS.join(', ') });
  if (!type.looksRight(content)) throw new AppError('EVIDENCE_CONTENT_MISMATCH', 415, { extension: ext }, { ext });
  return type.mediaType;
}

const safeName = (name: string) => path.basename(name).replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 200) || 'bukti';

async function insertEvidence(deps: ActionDeps, user: CurrentUser, milestoneId: string, row: Omit<EvidenceRow, 'id' | 'milestone_id' | 'commitment_id' | 'uploaded_by' | 'uploader_organization_id' | 'created_at'>, id = newId(), onFail?: () => void): Promise<EvidenceRow> {
  const m = await getMilestone(deps.db, milestoneId);
  const c = (await findCommitmentById(deps.db, m.commitment_id))!;
  const orgId = user.roles.find((r) => r.role === 'produsen' && r.organizationId)?.organizationId ?? null;
  const evidence: EvidenceRow = { id, milestone_id: m.id, commitment_id: c.id, uploaded_by: user.id, uploader_organization_id: orgId, created_at: nowIso(), ...row };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('evidence').values(evidence).execute();
      await trx.updateTable('milestones').set({ updated_at: nowIso() }).where('id', '=', m.id).execute();
      await recordAudit(trx, actorOf(user, 'anonymous'), { action: 'evidence.add', entityType: 'evidence', entityId: evidence.id, after: { ...evidence } });
      await recordCommitmentVersion(trx, user, c.id, m.id);
    });
  } catch (e) {
    onFail?.();
    throw e;
  }
  if (evidence.visibility === 'public') await notifyCommitmentChange(deps, user, c, 'commitment.notice.evidenceAdded', { activity: m.activity, evidence: evidence.title });
  return evidence;
}

export async function addEvidenceFile(deps: ActionDeps, user: CurrentUser | null, milestoneId: string, input: EvidenceFileInput): Promise<EvidenceRow> {
  const m = await getMilestone(deps.db, milestoneId);
  const u = await requireMilestoneReporter(deps, user, m);
  const mediaType = checkEvidenceFile(deps.config.evidenceMaxBytes, input.fileName, input.content);
  const id = newId();
  const file = evidencePath(deps.config.dataDir, id);
  fs.mkdirSync(evidenceDir(deps.config.dataDir), { recursive: true });
  fs.writeFileSync(file, input.content, { flag: 'wx' });
  return insertEvidence(deps, u, milestoneId, {
    kind: 'file', title: input.title.trim(), url: null, file_name: safeName(input.fileName), media_type: mediaType, size_bytes: input.content.length,
    sha256: sha256(input.content), evidence_date: input.evidenceDate, visibility: input.visibility,
  }, id, () => fs.rmSync(file, { force: true }));
}

export async function addEvidenceLink(deps: ActionDeps, user: CurrentUser | null, milestoneId: string, input: EvidenceLinkInput): Promise<EvidenceRow> {
  const m = await getMilestone(deps.db, milestoneId);
  const u = await requireMilestoneReporter(deps, user, m);
  return insertEvidence(deps, u, milestoneId, {
    kind: 'link', title: input.title.trim(), url: input.url, file_name: null, media_type: null, size_bytes: null, sha256: null,
    evidence_date: input.evidenceDate, visibility: input.visibility,
  });
}

/** Whether this user may see internal evidence of the commitment. */
export async function canSeeInternalEvidence(db: DbOrTrx, user: CurrentUser | null, commitmentId: string): Promise<boolean> {
  if (!user) return false;
  if (canEditCommitment(user, await leadOrganizationOf(db, commitmentId))) return true;
  const own = user.roles.filter((r) => r.role === 'produsen' && r.organizationId).map((r) => r.organizationId!);
  if (!own.length) return false;
  const m = await db.selectFrom('milestones').select('id').where('commitment_id', '=', commitmentId).where('responsible_organization_id', 'in', own).executeTakeFirst();
  return !!m;
}

/** An evidence file for download; internal evidence only for the commitment's staff. */
export async function openEvidenceFile(deps: ActionDeps, user: CurrentUser | null, id: string): Promise<{ row: EvidenceRow; stream: fs.ReadStream }> {
  const row = await findEvidence(deps.db, id);
  if (!row || row.kind !== 'file') throw new AppError('EVIDENCE_NOT_FOUND', 404, { id });
  if (row.visibility === 'internal' && !(await canSeeInternalEvidence(deps.db, user, row.commitment_id))) throw new AppError('EVIDENCE_NOT_FOUND', 404, { id });
  const file = evidencePath(deps.config.dataDir, row.id);
  if (!fs.existsSync(file)) throw new AppError('EVIDENCE_NOT_FOUND', 404, { id });
  return { row, stream: fs.createReadStream(file) };
}
