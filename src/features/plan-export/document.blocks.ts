import type { Translate, Locale } from '../../i18n/i18n.js';
import { formatDate, formatNumber } from '../../i18n/i18n.js';
import type { PlanDocument } from './document.service.js';

/** The action-plan document as neutral blocks, so the HTML page and the PDF show the same thing. */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; level: 2 | 3; text: string; id?: string; newPage?: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'fields'; items: Array<[string, string]> }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] };

const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '—');

export function documentBlocks(t: Translate, locale: Locale, doc: PlanDocument): Block[] {
  const p = doc.plan;
  const date = (d: string | null) => formatDate(locale, d);
  const blocks: Block[] = [
    { kind: 'title', text: p.title },
    {
      kind: 'subtitle',
      text:
        t('planExport.subtitle', { jurisdiction: doc.jurisdiction, n: p.planNumber }) +
        (p.isExample ? ` (${t('common.example')})` : ''),
    },
    {
      kind: 'fields',
      items: [
        [t('planExport.period'), `${date(p.periodStart)} – ${date(p.periodEnd)}`],
        [t('planExport.submittedOn'), date(p.submittedOn)],
        [t('planExport.termEnd'), date(p.termEndDate)],
        [t('planExport.leadInstitutions'), orDash(doc.leadInstitutions.join('; '))],
        [t('planExport.status'), t(`planExport.status.${p.status}`)],
      ],
    },
    { kind: 'heading', level: 2, text: t('planExport.foreword') },
    { kind: 'text', text: orDash(p.foreword) },
    { kind: 'heading', level: 2, text: t('planExport.vision') },
    { kind: 'text', text: orDash(p.strategicVision) },
    { kind: 'heading', level: 2, text: t('planExport.engagement') },
    { kind: 'text', text: orDash(p.engagement) },
    { kind: 'heading', level: 2, text: t('planExport.endorsement') },
    {
      kind: 'text',
      text: p.endorsedOn
        ? `${t('planExport.endorsedOn', { date: date(p.endorsedOn) })}${p.endorsementNote ? ` ${p.endorsementNote}` : ''}`
        : t('planExport.notEndorsed'),
    },
    { kind: 'heading', level: 2, text: t('planExport.commitments', { n: doc.commitments.length }) },
  ];
  if (!doc.commitments.length) blocks.push({ kind: 'text', text: t('planExport.noCommitments') });
  for (const c of doc.commitments) {
    blocks.push(
      {
        kind: 'heading',
        level: 3,
        text: `${c.ogpId} · ${c.title}${c.isExample ? ` (${t('common.example')})` : ''}`,
        id: c.ogpId,
        newPage: true,
      },
      {
        kind: 'fields',
        items: [
          [t('planExport.c.problem'), orDash(c.problem)],
          [t('planExport.c.statusQuo'), orDash(c.statusQuo)],
          [t('planExport.c.description'), orDash(c.description)],
          [t('planExport.c.howSolves'), orDash(c.howSolves)],
          [t('planExport.c.relevance'), orDash(c.ogpRelevance)],
          ...c.values.map((v): [string, string] => [t(`planExport.value.${v.key}`), orDash(v.justification)]),
          [t('planExport.c.policyArea'), orDash(c.policyArea)],
          [t('planExport.c.sector'), orDash(c.sector)],
          [t('planExport.c.period'), `${c.startMonth} – ${c.endMonth}`],
          [t('planExport.c.lead'), orDash(c.lead)],
          [t('planExport.c.supporting'), orDash(c.supporting.join('; '))],
          [
            t('planExport.c.budget'),
            c.budgetAmount === null
              ? orDash(c.budgetSource)
              : `Rp ${formatNumber(locale, c.budgetAmount)}${c.budgetSource ? ` (${c.budgetSource})` : ''}`,
          ],
          [t('planExport.c.rpjmd'), orDash(c.rpjmdLinks)],
          [t('planExport.c.sdg'), orDash(c.sdgGoals.map((g) => `SDG ${g}`).join(', '))],
          [t('planExport.c.kelurahan'), orDash(c.kelurahan.join(', '))],
          [t('planExport.c.progress'), `${formatNumber(locale, c.percent)} %`],
        ],
      },
      c.milestones.length
        ? {
            kind: 'table',
            caption: t('planExport.milestones', { ogpId: c.ogpId }),
            head: [
              t('planExport.m.activity'),
              t('planExport.m.deliverable'),
              t('planExport.m.start'),
              t('planExport.m.end'),
              t('planExport.m.responsible'),
              t('planExport.m.weight'),
              t('planExport.m.status'),
            ],
            rows: c.milestones.map((m) => [
              m.activity,
              orDash(m.deliverable),
              date(m.startDate),
              date(m.endDate),
              orDash(m.responsible),
              formatNumber(locale, m.weight),
              `${t(`planExport.mstatus.${m.status}`)} (${formatNumber(locale, m.percent)} %)`,
            ]),
          }
        : { kind: 'text', text: t('planExport.noMilestones') },
    );
  }
  return blocks;
}
