import type { Db } from '../../storage/database.js';
import type { Translate } from '../../i18n/i18n.js';
import { AppError } from '../../errors.js';
import { listVersionsFor } from '../history/history.service.js';
import { diffSnapshots } from '../history/history.diff.js';
import { buildAtomFeed, tagUri, type AtomEntry } from './atom.js';
import { planUrls } from '../plan/plan.urls.js';
import { commitmentFeedUrl, planFeedUrl } from './feed.links.js';

const ENTRY_LIMIT = 50;

interface Scope {
  commitments: Array<{ id: string; ogp_id: string; title: string }>;
  milestones: Array<{ id: string; commitment_id: string; activity: string }>;
}

async function scopeOf(db: Db, commitmentRows: Scope['commitments']): Promise<Scope> {
  const ids = commitmentRows.map((c) => c.id);
  const milestones = ids.length
    ? await db
        .selectFrom('milestones')
        .select(['id', 'commitment_id', 'activity'])
        .where('commitment_id', 'in', ids)
        .execute()
    : [];
  return { commitments: commitmentRows, milestones };
}

/** Atom entries for versions of the plan, its commitments and milestones, and public evidence added. */
async function entriesFor(
  db: Db,
  t: Translate,
  baseUrl: string,
  scope: Scope,
  plan: { id: string; title: string } | null,
): Promise<AtomEntry[]> {
  const host = new URL(baseUrl).host;
  const commitmentById = new Map(scope.commitments.map((c) => [c.id, c]));
  const milestoneById = new Map(scope.milestones.map((m) => [m.id, m]));
  const targets = [
    ...(plan ? [{ entityType: 'plan', entityId: plan.id }] : []),
    ...scope.commitments.map((c) => ({ entityType: 'commitment', entityId: c.id })),
    ...scope.milestones.map((m) => ({ entityType: 'milestone', entityId: m.id })),
  ];
  const versions = await listVersionsFor(db, targets, ENTRY_LIMIT);
  // The previous version of each entity, to describe what changed.
  const previous = new Map<string, Record<string, unknown>>();
  for (const v of versions.filter((x) => x.version > 1)) {
    const row = await db
      .selectFrom('entity_versions')
      .select('snapshot_json')
      .where('entity_type', '=', v.entityType)
      .where('entity_id', '=', v.entityId)
      .where('version', '=', v.version - 1)
      .executeTakeFirst();
    if (row)
      previous.set(
        `${v.entityType}/${v.entityId}/${v.version}`,
        JSON.parse(row.snapshot_json) as Record<string, unknown>,
      );
  }
  const label = (field: string) => {
    const l = t(`history.field.${field}`);
    return l.startsWith('history.field.') ? field : l;
  };
  const entries: AtomEntry[] = versions.map((v) => {
    const milestone = v.entityType === 'milestone' ? milestoneById.get(v.entityId) : undefined;
    const commitment = commitmentById.get(milestone ? milestone.commitment_id : v.entityId);
    const name =
      v.entityType === 'plan'
        ? plan!.title
        : milestone
          ? `${commitment?.ogp_id ?? ''} · ${milestone.activity}`
          : `${commitment?.ogp_id ?? ''} ${commitment?.title ?? ''}`;
    // A milestone's entry points at the milestone itself: the commitment's `#versi-n` anchors
    // number the commitment's own versions, not the milestone's.
    const link = milestone
      ? baseUrl + planUrls.milestoneAnchor(commitment?.ogp_id ?? '', milestone.id)
      : commitment
        ? `${baseUrl}${planUrls.commitment(commitment.ogp_id)}#versi-${v.version}`
        : baseUrl + planUrls.plan(v.entityId);
    const prev = previous.get(`${v.entityType}/${v.entityId}/${v.version}`);
    const changed = v.version === 1 || !prev ? null : diffSnapshots(prev, v.snapshot).map((c) => label(c.field));
    return {
      id: tagUri(host, `version/${v.entityType}/${v.entityId}/${v.version}`),
      title: t('history.feedVersion', { name: name.trim(), n: v.version }),
      updated: v.createdAt,
      link,
      author: v.actorLabel,
      summary: changed ? t('history.feedChanged', { fields: changed.join(', ') || '—' }) : t('history.feedCreated'),
    };
  });
  const ids = scope.commitments.map((c) => c.id);
  if (ids.length) {
    const evidence = await db
      .selectFrom('evidence')
      .select(['id', 'commitment_id', 'milestone_id', 'title', 'evidence_date', 'created_at'])
      .where('commitment_id', 'in', ids)
      .where('visibility', '=', 'public')
      .orderBy('created_at', 'desc')
      .limit(ENTRY_LIMIT)
      .execute();
    for (const ev of evidence) {
      const c = commitmentById.get(ev.commitment_id)!;
      entries.push({
        id: tagUri(host, `evidence/${ev.id}`),
        title: `${c.ogp_id} · ${t('history.feedEvidence', { title: ev.title })}`,
        updated: ev.created_at,
        // Evidence is listed under its milestone on the commitment page.
        link: baseUrl + planUrls.milestoneAnchor(c.ogp_id, ev.milestone_id),
        summary: ev.evidence_date,
      });
    }
  }
  return entries.sort((a, b) => (a.updated < b.updated ? 1 : -1)).slice(0, ENTRY_LIMIT);
}

export async function planFeed(db: Db, t: Translate, baseUrl: string, locale: string, planId: string): Promise<string> {
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'title', 'created_at'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw new AppError('PLAN_NOT_FOUND', 404, { id: planId });
  const commitments = await db
    .selectFrom('commitments')
    .select(['id', 'ogp_id', 'title'])
    .where('plan_id', '=', planId)
    .orderBy('number')
    .execute();
  const entries = await entriesFor(db, t, baseUrl, await scopeOf(db, commitments), plan);
  return buildAtomFeed({
    id: tagUri(new URL(baseUrl).host, `plan/${plan.id}`),
    title: t('history.feedPlanTitle', { title: plan.title }),
    selfUrl: baseUrl + planFeedUrl(plan.id),
    alternateUrl: `${baseUrl}/rencana-aksi/${encodeURIComponent(plan.id)}`,
    updated: plan.created_at,
    author: 'Terbuka',
    language: locale,
    entries,
  });
}

export async function commitmentFeed(
  db: Db,
  t: Translate,
  baseUrl: string,
  locale: string,
  ogpId: string,
): Promise<string> {
  const c = await db
    .selectFrom('commitments')
    .select(['id', 'ogp_id', 'title', 'created_at'])
    .where('ogp_id', '=', ogpId)
    .executeTakeFirst();
  if (!c) throw new AppError('COMMITMENT_NOT_FOUND', 404, { ogpId }, { ogpId });
  const entries = await entriesFor(db, t, baseUrl, await scopeOf(db, [c]), null);
  return buildAtomFeed({
    id: tagUri(new URL(baseUrl).host, `commitment/${c.ogp_id}`),
    title: t('history.feedCommitmentTitle', { ogpId: c.ogp_id, title: c.title }),
    selfUrl: baseUrl + commitmentFeedUrl(c.ogp_id),
    alternateUrl: `${baseUrl}/komitmen/${encodeURIComponent(c.ogp_id)}`,
    updated: c.created_at,
    author: 'Terbuka',
    language: locale,
    entries,
  });
}
