import type { RequestContext } from '../../views/page-context.js';
import { html, raw, type SafeHtml } from '../../views/html.js';
import { renderMapSvg, parseGeometry, type MapFeature } from '../../views/map-svg.js';
import { formatNumber } from '../../i18n/i18n.js';
import { urls } from '../../urls.js';
import type { getWilayahProfile } from './wilayah.service.js';
import type { listWilayah } from './wilayah.repository.js';

type Summary = Awaited<ReturnType<typeof listWilayah>>[number];
type Profile = Awaited<ReturnType<typeof getWilayahProfile>>;
export type WilayahRow = Profile['wilayah'];

/** Kota → kecamatan → kelurahan as nested lists. */
export function renderWilayahIndex(ctx: RequestContext, rows: Summary[]): SafeHtml {
  const { t } = ctx;
  const childrenOf = (kode: string) => rows.filter((r) => r.kode_induk === kode);
  const roots = rows.filter((r) => !rows.some((p) => p.kode === r.kode_induk));
  const item = (r: Summary): SafeHtml => {
    const kids = childrenOf(r.kode);
    return html`<li><a href="${urls.wilayah(r.kode)}">${t(`wilayah.level.${r.tingkat}`)} ${r.nama}</a> <span class="muted">${r.kode}</span>
      ${kids.length ? html`<ul>${kids.map(item)}</ul>` : ''}</li>`;
  };
  return html`<h1>${t('wilayah.title')}</h1><p class="lead">${t('wilayah.intro')}</p><ul class="tree">${roots.map(item)}</ul>`;
}

export function wilayahMap(ctx: RequestContext, profile: Profile): string {
  const { wilayah, geometries } = profile;
  const focusLevel = wilayah.tingkat === 'kota' ? 'kecamatan' : wilayah.tingkat;
  const features: MapFeature[] = [];
  for (const g of geometries) {
    const geometry = parseGeometry(g.geometry);
    if (!geometry) continue;
    if (g.tingkat === 'kota') features.push({ kode: g.kode, nama: g.nama, geometry, className: 'city' });
    else if (g.tingkat === focusLevel) {
      const isFocus = g.kode === wilayah.kode || g.kode_induk === wilayah.kode;
      features.push({
        kode: g.kode,
        nama: g.nama,
        geometry,
        className: isFocus ? 'focus' : 'other',
        href: urls.wilayah(g.kode),
        label: `${ctx.t(`wilayah.level.${g.tingkat}`)} ${g.nama}`,
      });
    }
  }
  return renderMapSvg({
    features,
    title: ctx.t('wilayah.mapTitle', { nama: wilayah.nama }),
    description: ctx.t('wilayah.mapDesc', { nama: wilayah.nama }),
  });
}

export function renderWilayahProfile(ctx: RequestContext, profile: Profile, sections: SafeHtml[] = []): SafeHtml {
  const { t, locale } = ctx;
  const { wilayah, ancestors, children } = profile;
  const parent = ancestors[ancestors.length - 1];
  const map = wilayahMap(ctx, profile);
  const induk = parent
    ? html`<a href="${urls.wilayah(parent.kode)}">${t(`wilayah.level.${parent.tingkat}`)} ${parent.nama}</a>`
    : (wilayah.nama_induk ?? '—');
  const luas =
    wilayah.luas_km2 !== null
      ? html`<dt>${t('wilayah.luas')}</dt><dd>${formatNumber(locale, wilayah.luas_km2, 2)} km² <span class="muted">(${t('wilayah.luasNote')})</span></dd>`
      : '';
  const centroid =
    wilayah.centroid_lat !== null && wilayah.centroid_lng !== null
      ? html`<dt>${t('wilayah.centroid')}</dt><dd>${wilayah.centroid_lat}, ${wilayah.centroid_lng}</dd>`
      : '';
  const child = (c: (typeof children)[number]) =>
    html`<li><a href="${urls.wilayah(c.kode)}">${c.nama}</a> <span class="muted">${c.kode}${c.kode_pos ? ` · ${c.kode_pos}` : ''}</span></li>`;
  return html`<h1>${t(`wilayah.level.${wilayah.tingkat}`)} ${wilayah.nama}</h1>
<div class="cols">
<section aria-labelledby="meta-h">
  <h2 id="meta-h" class="sr-only">${t('wilayah.kode')}</h2>
  <dl class="meta">
    <dt>${t('wilayah.kode')}</dt><dd>${wilayah.kode}</dd>
    <dt>${t('wilayah.kodeTanpaTitik')}</dt><dd>${wilayah.kode_tanpa_titik}</dd>
    <dt>${t('wilayah.tingkat')}</dt><dd>${t(`wilayah.level.${wilayah.tingkat}`)}</dd>
    <dt>${t('wilayah.induk')}</dt><dd>${induk}</dd>
    ${wilayah.kode_pos ? html`<dt>${t('wilayah.kodePos')}</dt><dd>${wilayah.kode_pos}</dd>` : ''}
    ${luas}
    ${centroid}
    <dt>${t('wilayah.source')}</dt><dd>${wilayah.sumber}</dd>
  </dl>
  ${
    children.length
      ? html`<h2>${t(`wilayah.children.${children[0]!.tingkat}`)}</h2><ul>${children.map(child)}</ul>`
      : ''
  }
</section>
<section aria-labelledby="map-h">
  <h2 id="map-h">${t('wilayah.map')}</h2>
  ${map ? html`<figure class="map">${raw(map)}</figure>` : html`<p>${t('wilayah.mapNone')}</p>`}
</section>
</div>
${sections}`;
}
