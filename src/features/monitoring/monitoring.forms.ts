import { formInput } from '../../http/forms.js';
import { CHECKS } from './monitoring.schema.js';
import type { listCommitmentAssessments, findInception, findEndAssessment } from './monitoring.repository.js';

type Flat = Record<string, unknown>;
const LENS_FIELDS = [
  ['accessInfo', 'lens_access_info'],
  ['civicParticipation', 'lens_civic_participation'],
  ['publicAccountability', 'lens_public_accountability'],
  ['technology', 'lens_technology'],
] as const;

const yesNo = (v: unknown) => (v === 'yes' ? true : v === 'no' ? false : undefined);
const last = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);
const text = (v: unknown) => (typeof last(v) === 'string' ? (last(v) as string) : '');

/** The flat inception form (`forumExists.met`, `commitments.0.lenses.technology`, …) as the API's JSON shape. */
export function inceptionFromForm(body: unknown): Flat {
  const b = (body ?? {}) as Flat;
  const out: Flat = {
    summary: text(b['summary']),
    publish: !!last(b['publish']),
    confirmContradiction: !!last(b['confirmContradiction']),
  };
  for (const k of CHECKS) out[k] = { met: yesNo(last(b[`${k}.met`])), note: text(b[`${k}.note`]) };
  const indices = Object.keys(b)
    .map((k) => /^commitments\.(\d+)\.commitmentId$/.exec(k)?.[1])
    .filter((x): x is string => !!x)
    .map(Number)
    .sort((a, c) => a - c);
  out['commitments'] = indices.map((i) => {
    const p = `commitments.${i}.`;
    return {
      commitmentId: text(b[`${p}commitmentId`]),
      verifiable: yesNo(last(b[`${p}verifiable`])),
      lenses: Object.fromEntries(LENS_FIELDS.map(([l]) => [l, !!last(b[`${p}lenses.${l}`])])),
      potential: text(b[`${p}potential`]) || undefined,
      note: text(b[`${p}note`]),
    };
  });
  return out;
}

type Inception = NonNullable<Awaited<ReturnType<typeof findInception>>>;
type CommitmentAssessment = Awaited<ReturnType<typeof listCommitmentAssessments>>[number];

/** Form values from a saved assessment (or the platform's suggestions), for the first render. */
export function inceptionFormValues(
  saved: Inception | undefined,
  suggestions: Record<string, { met: boolean; note: string }>,
  commitmentIds: string[],
  assessments: CommitmentAssessment[],
): Flat {
  const values: Flat = {};
  const cols = {
    forumExists: 'forum_exists',
    csoMeeting: 'cso_meeting',
    infoShared: 'info_shared',
    pageUpdated: 'page_updated',
    endorsement: 'endorsement',
  } as const;
  for (const k of CHECKS) {
    const met = saved ? saved[cols[k]] === 1 : suggestions[k]!.met;
    values[`${k}.met`] = met ? 'yes' : 'no';
    values[`${k}.note`] = saved ? saved[`${cols[k]}_note`] : suggestions[k]!.note;
  }
  values['summary'] = saved?.summary ?? '';
  values['publish'] = saved?.published === 1 ? '1' : '';
  // Still confirmed only if every answer that contradicts the records now was confirmed then.
  const confirmed: unknown = JSON.parse(saved?.confirmed_contradictions ?? '[]');
  const contradicted = CHECKS.filter((k) => values[`${k}.met`] === 'yes' && !suggestions[k]!.met);
  values['confirmContradiction'] =
    contradicted.length && Array.isArray(confirmed) && contradicted.every((k) => confirmed.includes(k)) ? '1' : '';
  commitmentIds.forEach((id, i) => {
    const a = assessments.find((x) => x.commitment_id === id);
    if (!a) return;
    values[`commitments.${i}.verifiable`] = a.verifiable ? 'yes' : 'no';
    for (const [l, col] of LENS_FIELDS) values[`commitments.${i}.lenses.${l}`] = a[col] === 1 ? '1' : '';
    values[`commitments.${i}.potential`] = a.potential;
    values[`commitments.${i}.note`] = a.note;
  });
  return values;
}

export function endFromForm(fields: unknown): Flat {
  const out = formInput(fields, {
    nullables: ['earlyResults', 'ogAccessInfo', 'ogCivicParticipation', 'ogPublicAccountability'],
    booleans: ['publish'],
  });
  return out;
}

type End = NonNullable<Awaited<ReturnType<typeof findEndAssessment>>>;
export function endFormValues(saved: End | undefined): Flat {
  if (!saved) return {};
  return {
    completion: saved.completion,
    earlyResults: saved.early_results ?? '',
    beforeEndReason: saved.before_end_reason,
    ogAccessInfo: saved.og_access_info ?? '',
    ogCivicParticipation: saved.og_civic_participation ?? '',
    ogPublicAccountability: saved.og_public_accountability ?? '',
    lessons: saved.lessons,
    publish: saved.published ? '1' : '',
  };
}
