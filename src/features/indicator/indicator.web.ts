import { protectionInfo } from './disclosure/protection-note.view.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendPage } from '../../http/render.js';
import { cspHeader } from '../../http/security-headers.js';
import { html, raw } from '../../views/html.js';
import { assetUrl } from '../../views/assets.js';
import { renderChartSvg, renderChartTable } from '../../views/chart-svg.js';
import { listGeometries } from '../wilayah/wilayah.repository.js';
import type { Db } from '../../storage/database.js';
import type { RequestContext } from '../../views/page-context.js';
import { getIndicator, listIndicatorCatalogue } from './indicator.service.js';
import { publicValues, officialFirst } from './indicator-publish.service.js';
import { listDerivations, listSources } from './indicator.repository.js';
import { canManageCatalogue, canEditSource } from './indicator.policy.js';
import { indicatorUrls, nameOf } from './indicator.presenter.js';
import { codeParam } from './indicator.schema.js';
import { indicatorChart, chartPng, standaloneSvg, emptyChartSvg, svgToPng } from './indicator-chart.js';
import { renderCatalogue, renderIndicatorPage, openGraphTags, type CatalogueItem } from './indicator.view.js';
import { renderMapPage } from './indicator-map.view.js';
import { renderCompare, type CompareRow } from './indicator-compare.view.js';
import { organizationNameMap } from '../organization/organization.repository.js';
import { findKotaKode, listKelurahanAndDesa } from '../wilayah/wilayah.repository.js';
import { levelDepth } from './period.js';
import type { IndicatorRow } from './indicator.service.js';

async function cityKode(db: Db): Promise<string> {
  return (await findKotaKode(db)) ?? '35.77';
}

async function chartFor(db: Db, ctx: RequestContext, indicator: IndicatorRow, threshold: number) {
  const values = await publicValues(db, indicator, threshold);
  return { values, chart: indicatorChart(indicator, values, ctx.t, ctx.locale) };
}

const chartFooter = (chart: { series: Array<{ name: string }> }, ctx: RequestContext) =>
  `${ctx.t('indicator.source')}: ${chart.series.map((s) => s.name).join('; ')}`;

const mapQuery = z.object({
  periode: z.string().max(10).optional(),
  tingkat: z.enum(['kelurahan', 'kecamatan']).optional(),
  sumber: z.string().max(36).optional(),
});
const compareQuery = z.object({
  kode: z.union([z.string(), z.array(z.string())]).optional(),
  go: z.string().optional(),
});

export async function indicatorWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.deps;
  const threshold = config.suppressionThreshold;

  r.get('/indikator', async (request, reply) => {
    const rows = await listIndicatorCatalogue(db);
    const items: CatalogueItem[] = await Promise.all(
      rows.map(async (row) => {
        const [sources, values] = await Promise.all([listSources(db, row.id), publicValues(db, row, threshold)]);
        const top = values
          .filter((v) => v.official && levelDepth(v.row.wilayah_tingkat) <= 1)
          .sort((a, b) => a.row.period.localeCompare(b.row.period))
          .pop();
        return {
          row,
          official: sources.find((s) => s.id === row.official_source_id),
          sourceCount: sources.length,
          latest: top,
        };
      }),
    );
    return sendPage(request, reply, {
      title: request.ctx.t('indicator.title'),
      main: renderCatalogue(request.ctx, items, threshold, canManageCatalogue(request.ctx.user)),
      jsonUrl: indicatorUrls.catalogueJson(),
    });
  });

  r.get('/indikator/bandingkan', { schema: { querystring: compareQuery } }, async (request, reply) => {
    const raw = request.query.kode;
    const kodes = [
      ...new Set(
        (Array.isArray(raw) ? raw : raw ? [raw] : [])
          .flatMap((k) => k.split(','))
          .map((k) => k.trim())
          .filter(Boolean),
      ),
    ];
    const kelurahan = await listKelurahanAndDesa(db);
    const chosen = kodes
      .map((k) => kelurahan.find((w) => w.kode === k))
      .filter((w): w is (typeof kelurahan)[number] => !!w);
    // One code alone pre-selects (the link from a profile page); a submitted choice must name 2–5 known kelurahan.
    const error =
      chosen.length !== kodes.length || kodes.length > 5 || (request.query.go !== undefined && kodes.length < 2);
    const rows: CompareRow[] = [];
    if (!error && chosen.length >= 2) {
      for (const indicator of await listIndicatorCatalogue(db)) {
        if (indicator.lowest_level !== 'kelurahan') continue;
        const values = (await publicValues(db, indicator, threshold)).filter((v) =>
          chosen.some((c) => c.kode === v.row.wilayah_kode),
        );
        if (!values.length) continue;
        const preferred = values.some((v) => v.official) ? values.filter((v) => v.official) : values;
        const period = preferred
          .map((v) => v.row.period)
          .sort()
          .pop()!;
        rows.push({
          indicator,
          period,
          cells: chosen.map(
            (c) => preferred.find((v) => v.row.wilayah_kode === c.kode && v.row.period === period) ?? null,
          ),
        });
      }
    }
    return sendPage(
      request,
      reply,
      {
        title: request.ctx.t('indicator.compare.title'),
        main: renderCompare(request.ctx, {
          all: kelurahan.map((w) => ({ kode: w.kode, nama: w.nama, kecamatan: w.nama_induk })),
          chosen: error ? [] : chosen,
          rows,
          threshold,
          error,
        }),
        breadcrumbs: [
          { href: indicatorUrls.index(), label: request.ctx.t('indicator.title') },
          { label: request.ctx.t('indicator.compare.title') },
        ],
      },
      error ? 422 : 200,
    );
  });

  r.get('/indikator/:code', { schema: { params: codeParam } }, async (request, reply) => {
    const { ctx } = request;
    const indicator = await getIndicator(db, request.params.code);
    const [sources, derivations, orgs, { values, chart }, protection] = await Promise.all([
      listSources(db, indicator.id),
      listDerivations(db, indicator.id),
      organizationNameMap(db),
      chartFor(db, ctx, indicator, threshold),
      protectionInfo(db, indicator),
    ]);
    const canManage =
      canManageCatalogue(ctx.user) ||
      sources.some((s) => canEditSource(ctx.user, s)) ||
      (!!ctx.user && ctx.user.roles.some((g) => g.role === 'produsen'));
    return sendPage(request, reply, {
      title: nameOf(indicator, ctx.locale),
      description: indicator.definition,
      main: renderIndicatorPage(ctx, {
        indicator,
        sources,
        values: officialFirst(values),
        derivations,
        chart,
        orgs,
        threshold,
        canManage,
        baseUrl: config.baseUrl,
        protection,
      }),
      jsonUrl: indicatorUrls.json(indicator.code),
      head: openGraphTags(indicator, ctx.locale, config.baseUrl, config.siteName),
      breadcrumbs: [
        { href: indicatorUrls.index(), label: ctx.t('indicator.title') },
        { label: nameOf(indicator, ctx.locale) },
      ],
    });
  });

  r.get('/indikator/:code/peta', { schema: { params: codeParam, querystring: mapQuery } }, async (request, reply) => {
    const { ctx } = request;
    const indicator = await getIndicator(db, request.params.code);
    const levels = (['kelurahan', 'kecamatan'] as const).filter(
      (l) => levelDepth(l) <= levelDepth(indicator.lowest_level),
    );
    const level =
      request.query.tingkat && levels.includes(request.query.tingkat)
        ? request.query.tingkat
        : (levels[0] ?? 'kecamatan');
    const city = await cityKode(db);
    const [sources, all, geometries] = await Promise.all([
      listSources(db, indicator.id),
      publicValues(db, indicator, threshold, { kodePrefix: city }),
      listGeometries(db, city),
    ]);
    const atLevel = all.filter(
      (v) => v.row.wilayah_tingkat === level || (level === 'kelurahan' && v.row.wilayah_tingkat === 'desa'),
    );
    const withValues = sources.filter((s) => atLevel.some((v) => v.source.id === s.id));
    const source =
      withValues.find((s) => s.id === request.query.sumber) ??
      withValues.find((s) => s.id === indicator.official_source_id) ??
      withValues[0] ??
      null;
    const ofSource = atLevel.filter((v) => v.source.id === source?.id);
    const periods = [...new Set(ofSource.map((v) => v.row.period))].sort();
    const period =
      request.query.periode && periods.includes(request.query.periode)
        ? request.query.periode
        : (periods[periods.length - 1] ?? null);
    return sendPage(request, reply, {
      title: ctx.t('indicator.map.title', { name: nameOf(indicator, ctx.locale) }),
      main: renderMapPage(ctx, {
        indicator,
        level,
        levels: [...levels],
        period,
        periods,
        source,
        sources: withValues,
        values: ofSource.filter((v) => v.row.period === period),
        geometries,
        threshold,
      }),
      jsonUrl: indicatorUrls.valuesJson(indicator.code, period ? `?period=${period}` : ''),
      head: openGraphTags(indicator, ctx.locale, config.baseUrl, config.siteName),
      breadcrumbs: [
        { href: indicatorUrls.index(), label: ctx.t('indicator.title') },
        { href: indicatorUrls.page(indicator.code), label: nameOf(indicator, ctx.locale) },
        { label: ctx.t('indicator.mapLink') },
      ],
    });
  });

  r.get('/indikator/:code/embed', { schema: { params: codeParam } }, async (request, reply) => {
    const { ctx } = request;
    const indicator = await getIndicator(db, request.params.code);
    const { chart } = await chartFor(db, ctx, indicator, threshold);
    const name = nameOf(indicator, ctx.locale);
    const og = openGraphTags(indicator, ctx.locale, config.baseUrl, config.siteName);
    const body = chart
      ? html`<figure class="chart">${raw(renderChartSvg({ ...chart, idPrefix: 'embed' }))}</figure>${renderChartTable(ctx, chart)}`
      : html`<p>${ctx.t('indicator.noValues')}</p>`;
    const source = html`<a href="${config.baseUrl}${indicatorUrls.page(indicator.code)}" target="_top">${ctx.t('indicator.source')}: ${config.siteName}</a>`;
    const page = html`<!doctype html><html lang="${ctx.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} · ${config.siteName}</title><link rel="stylesheet" href="${assetUrl('app.css')}">${og}</head>
<body class="embed"><main id="main" class="wrap"><h1>${name}</h1>
${body}
<p>${source}</p></main></body></html>`;
    // Embeddable anywhere: only this route lifts frame-ancestors.
    reply.removeHeader('x-frame-options');
    return reply
      .header('content-security-policy', cspHeader({ 'frame-ancestors': '*' }))
      .type('text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(page.value);
  });

  r.get('/indikator/:code/chart.svg', { schema: { params: codeParam } }, async (request, reply) => {
    const indicator = await getIndicator(db, request.params.code);
    const { chart } = await chartFor(db, request.ctx, indicator, threshold);
    const svg = chart
      ? standaloneSvg(chart, chartFooter(chart, request.ctx))
      : emptyChartSvg(nameOf(indicator, request.ctx.locale), request.ctx.t('indicator.noValues'));
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(svg);
  });

  r.get('/indikator/:code/chart.png', { schema: { params: codeParam } }, async (request, reply) => {
    const indicator = await getIndicator(db, request.params.code);
    const { chart } = await chartFor(db, request.ctx, indicator, threshold);
    const png = chart
      ? chartPng(chart, chartFooter(chart, request.ctx))
      : svgToPng(emptyChartSvg(nameOf(indicator, request.ctx.locale), request.ctx.t('indicator.noValues')));
    return reply.type('image/png').header('cache-control', 'public, max-age=300').send(png);
  });
}
