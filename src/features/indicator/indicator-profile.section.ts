import type { Selectable } from 'kysely';
import type { Db } from '../../storage/database.js';
import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import type { ProfileSection } from '../wilayah/profile-section.js';
import type { WilayahTable } from '../wilayah/wilayah.table.js';
import { publicValues, type PublicValue } from './indicator-publish.service.js';
import { suppressionThresholdFor } from './indicator.settings.js';
import { displayValue, indicatorUrls, nameOf } from './indicator.presenter.js';
import { rankOf } from './indicator-map.view.js';
import { sparkline } from './indicator-chart.js';
import { exampleBadge } from './indicator.view.js';
import { parentKode } from './period.js';
import type { IndicatorRow } from './indicator.service.js';

type Wilayah = Selectable<WilayahTable>;

export interface ProfileIndicator {
  indicator: IndicatorRow;
  latest: PublicValue;
  trend: PublicValue[];
  rank: number | null;
  rankOf: number;
  kecamatan: PublicValue | null;
  kota: PublicValue | null;
}

/** The official source's series for one area (falling back to any source when there is no official value). */
function seriesFor(values: PublicValue[], kode: string): PublicValue[] {
  const byPeriod = new Map<string, PublicValue>();
  for (const v of values) {
    if (v.row.wilayah_kode !== kode) continue;
    const cur = byPeriod.get(v.row.period);
    if (!cur || (!cur.official && v.official)) byPeriod.set(v.row.period, v);
  }
  return [...byPeriod.values()].sort((a, b) => a.row.period.localeCompare(b.row.period));
}

export async function profileIndicators(db: Db, wilayah: Wilayah): Promise<ProfileIndicator[]> {
  const ids = await db
    .selectFrom('indicator_values')
    .select('indicator_id')
    .distinct()
    .where('wilayah_kode', '=', wilayah.kode)
    .execute();
  if (!ids.length) return [];
  const indicators = await db
    .selectFrom('indicators')
    .selectAll()
    .where(
      'id',
      'in',
      ids.map((r) => r.indicator_id),
    )
    .orderBy('code')
    .execute();
  const threshold = suppressionThresholdFor(db);
  const kecKode = wilayah.tingkat === 'kelurahan' || wilayah.tingkat === 'desa' ? parentKode(wilayah.kode) : null;
  const kotaKode = wilayah.kode.split('.').slice(0, 2).join('.');
  const out: ProfileIndicator[] = [];
  for (const indicator of indicators) {
    const values = await publicValues(db, indicator, threshold);
    const trend = seriesFor(values, wilayah.kode);
    const latest = trend[trend.length - 1];
    if (!latest) continue;
    const peers = values.filter(
      (v) =>
        v.row.wilayah_tingkat === wilayah.tingkat &&
        v.row.period === latest.row.period &&
        v.source.id === latest.source.id,
    );
    const ranks = rankOf(indicator, peers);
    const same = (kode: string | null) =>
      kode && kode !== wilayah.kode
        ? (values.find(
            (v) =>
              v.row.wilayah_kode === kode && v.row.period === latest.row.period && v.source.id === latest.source.id,
          ) ?? null)
        : null;
    out.push({
      indicator,
      latest,
      trend,
      rank: indicator.better_direction === 'neutral' ? null : (ranks.get(wilayah.kode) ?? null),
      rankOf: ranks.size,
      kecamatan: same(kecKode),
      kota: same(kotaKode),
    });
  }
  return out;
}

/** Published datasets whose spatial coverage names this area. */
export async function datasetsAbout(db: Db, kode: string) {
  try {
    return await db
      .selectFrom('datasets')
      .select(['name', 'title'])
      .where('state', '=', 'published')
      .where('spatial_codes', 'like', `%"${kode}"%`)
      .orderBy('title')
      .limit(50)
      .execute();
  } catch {
    return []; // the datasets feature is not installed in this database
  }
}

function renderSection(
  ctx: RequestContext,
  wilayah: Wilayah,
  items: ProfileIndicator[],
  datasets: Array<{ name: string; title: string }>,
  threshold: number,
): SafeHtml {
  const { t, locale } = ctx;
  const show = (ind: IndicatorRow, v: PublicValue | null) =>
    v ? displayValue(v, threshold, locale, ind.decimals) : '—';
  const n = Math.max(0, ...items.map((i) => i.rankOf));
  return html`<section aria-labelledby="ind-profile-h" class="profile-indicators"><h2 id="ind-profile-h">${t('indicator.profile.title')}</h2>
${
  items.length
    ? html`<p>${t('indicator.profile.intro', { n, level: t(`wilayah.level.${wilayah.tingkat}`).toLowerCase() })}</p>
<div class="table-scroll" tabindex="0" role="region" aria-label="${t('indicator.tableRegion')}"><table>
<caption>${t('indicator.profile.title')} · ${wilayah.nama}</caption>
<thead><tr><th scope="col">${t('indicator.name')}</th><th scope="col">${t('indicator.period')}</th><th scope="col" class="num">${wilayah.nama}</th>
<th scope="col" class="num">${t('indicator.rank')}</th>
${wilayah.tingkat === 'kelurahan' ? html`<th scope="col" class="num">${t('indicator.profile.kecamatan')}</th>` : ''}
<th scope="col" class="num">${t('indicator.profile.kota')}</th>
<th scope="col">${t('indicator.profile.trend')}</th></tr></thead>
<tbody>${items.map(
        (it) => html`<tr>
<th scope="row">
<a href="${indicatorUrls.page(it.indicator.code)}">${nameOf(it.indicator, locale)}</a> <span
class="muted">(${it.indicator.unit})</span>${exampleBadge(ctx, it.latest.row.is_example)}
<span class="trend-text">${t('indicator.source')}: ${it.latest.source.producer}${
          it.latest.official ? ` (${t('indicator.official')})` : ''
        }${it.latest.row.denominator ? ` · ${t('indicator.denominator')}: ${it.latest.row.denominator}` : ''}${
          it.latest.row.missing_count !== null ? ` · ${t('indicator.missing')}: ${it.latest.row.missing_count}` : ''
        }</span>
</th>
<td>${it.latest.row.period}</td><td class="num">${show(it.indicator, it.latest)}</td>
<td class="num">${it.rank && it.rankOf > 1 ? `${it.rank}/${it.rankOf}` : '—'}</td>
${wilayah.tingkat === 'kelurahan' ? html`<td class="num">${show(it.indicator, it.kecamatan)}</td>` : ''}<td class="num">${show(it.indicator, it.kota)}</td>
<td>${raw(
          sparkline(
            it.trend.map((v) => ({ period: v.row.period, value: v.value })),
            t('indicator.sparkline', { name: nameOf(it.indicator, locale), values: '' }).replace(/:\s*$/, ''),
            locale,
          ),
        )}
<span class="trend-text">${it.trend.map((v) => `${v.row.period}: ${show(it.indicator, v)}`).join(' · ')}</span></td></tr>`,
      )}</tbody></table></div>
<p class="muted">${t('indicator.suppressionNote', { n: threshold })}</p>`
    : html`<p>${t('indicator.profile.none')}</p>`
}
${
  datasets.length
    ? html`<h3>${t('indicator.profile.datasets')}</h3><ul>${datasets.map(
        (d) => html`<li><a href="/dataset/${d.name}">${d.title}</a></li>`,
      )}</ul>`
    : ''
}
${wilayah.tingkat === 'kelurahan' ? html`<p class="no-print"><a href="${indicatorUrls.compare([wilayah.kode])}">${t('indicator.compare.title')}</a></p>` : ''}
</section>`;
}

export const indicatorProfileSection: ProfileSection = {
  id: 'indikator',
  order: 10,
  async render(ctx, db, wilayah) {
    const [items, datasets] = await Promise.all([profileIndicators(db, wilayah), datasetsAbout(db, wilayah.kode)]);
    return renderSection(ctx, wilayah, items, datasets, suppressionThresholdFor(db));
  },
  async json(db, wilayah) {
    const threshold = suppressionThresholdFor(db);
    const [items, datasets] = await Promise.all([profileIndicators(db, wilayah), datasetsAbout(db, wilayah.kode)]);
    const val = (ind: IndicatorRow, v: PublicValue | null) =>
      v
        ? {
            period: v.row.period,
            value: v.value,
            display: displayValue(v, threshold, null, ind.decimals),
            source: v.source.producer,
            official: v.official,
          }
        : null;
    return {
      indicators: items.map((it) => ({
        code: it.indicator.code,
        name: it.indicator.name_id,
        unit: it.indicator.unit,
        latest: val(it.indicator, it.latest),
        rank: it.rank,
        rankOf: it.rankOf,
        kecamatan: val(it.indicator, it.kecamatan),
        kota: val(it.indicator, it.kota),
        trend: it.trend.map((v) => val(it.indicator, v)),
        example: it.latest.row.is_example === 1,
      })),
      datasets: datasets.map((d) => ({ name: d.name, title: d.title, url: `/dataset/${d.name}` })),
    };
  },
};
