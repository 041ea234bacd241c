import type { ProfileSection } from '../wilayah/profile-section.js';
import { html } from '../../views/html.js';
import { formatNumber } from '../../i18n/i18n.js';
import { listCommitmentsForKelurahan } from './commitment.repository.js';
import { presentCommitment } from './commitment.presenter.js';
import { exampleBadge, irmBadge } from '../plan/plan.controls.js';
import { planUrls } from '../plan/plan.urls.js';
import { contentTitle } from '../../i18n/content-language.js';

/** On a kelurahan's profile: the action-plan commitments whose scope includes it. */
export const actionPlanSection: ProfileSection = {
  id: 'rencana-aksi',
  order: 30,
  async render(ctx, db, wilayah) {
    if (wilayah.tingkat !== 'kelurahan') return null;
    const { t, locale } = ctx;
    const views = await listCommitmentsForKelurahan(db, wilayah.kode);
    const title = t('commitment.kelurahan.title', { nama: wilayah.nama });
    return html`<section id="rencana-aksi" aria-labelledby="rencana-aksi-h"><h2 id="rencana-aksi-h">${title}</h2>
${
  views.length
    ? html`<div class="table-scroll"><table><caption>${t('commitment.kelurahan.caption', { nama: wilayah.nama })}</caption>
<thead><tr><th scope="col">${t('plan.col.id')}</th><th scope="col">${t('plan.col.commitment')}</th><th scope="col">${t('plan.col.lead')}</th>
<th scope="col" class="num">${t('plan.col.progress')}</th><th scope="col">${t('plan.col.irm')}</th></tr></thead>
<tbody>${views.map(
        (v) => html`<tr><td>${v.row.ogp_id}</td>
<th scope="row"><a href="${planUrls.commitment(v.row.ogp_id)}">${contentTitle(ctx, v.row)}</a>${exampleBadge(ctx, v.row.is_example)}</th>
<td>${v.lead?.name ?? '—'}</td><td class="num">${formatNumber(locale, v.percent)} %</td><td>${irmBadge(ctx, v.completion)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('commitment.kelurahan.none')}</p>`
}
<p><a href="${planUrls.ideas()}">${t('commitment.kelurahan.ideaLink')}</a></p></section>`;
  },
  async json(db, wilayah) {
    return (await listCommitmentsForKelurahan(db, wilayah.kode)).map(presentCommitment);
  },
};
