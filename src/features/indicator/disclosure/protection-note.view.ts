import type { RequestContext } from '../../../views/page-context.js';
import type { DbOrTrx } from '../../../storage/database.js';
import { html, type SafeHtml } from '../../../views/html.js';
import type { IndicatorTable } from '../indicator.table.js';
import { indicatorUrls } from '../indicator.presenter.js';
import { isProtected } from './people-count.js';

interface Named {
  code: string;
  name_id: string;
  name_en: string;
  breakdown_dimension: string | null;
}
export interface ProtectionInfo {
  total: Named | null;
  members: Named[];
}

type Row = Pick<IndicatorTable, 'code' | 'counts_people' | 'breakdown_of' | 'breakdown_dimension'> & {
  not_people_reason: string;
};

/** The total this indicator breaks down, and its own breakdowns. */
export async function protectionInfo(db: DbOrTrx, row: Row): Promise<ProtectionInfo> {
  const cols = ['code', 'name_id', 'name_en', 'breakdown_dimension'] as const;
  const [total, members] = await Promise.all([
    row.breakdown_of
      ? db.selectFrom('indicators').select(cols).where('code', '=', row.breakdown_of).executeTakeFirst()
      : undefined,
    db.selectFrom('indicators').select(cols).where('breakdown_of', '=', row.code).orderBy('code').execute(),
  ]);
  return { total: total ?? null, members };
}

/** What the indicator page says about its protection: declared status, reason, breakdown links. */
export function protectionNote(ctx: RequestContext, row: Row, info: ProtectionInfo, threshold: number): SafeHtml {
  const { t, locale } = ctx;
  const name = (n: Named) => (locale === 'en' ? n.name_en : n.name_id);
  const link = (n: Named) => html`<a href="${indicatorUrls.page(n.code)}">${name(n)}</a>`;
  const dimension = () => t(`disclosure.dimension.${row.breakdown_dimension ?? 'other'}`);
  return html`<div class="protection-note">
<p>${isProtected(row) ? t('disclosure.page.protected', { n: threshold }) : t('disclosure.page.notPeople', { reason: row.not_people_reason })}
<a href="/metode">${t('disclosure.page.method')}</a></p>
${info.total ? html`<p>${t('disclosure.page.breakdownOf', { dimension: dimension() })}${link(info.total)}</p>` : ''}
${info.members.length ? html`<p>${t('disclosure.page.members')}${info.members.map((m, i) => html`${i ? ', ' : ''}${link(m)}`)}</p>` : ''}</div>`;
}
