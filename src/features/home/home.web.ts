import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../http/render.js';
import { html } from '../../views/html.js';
import { formatNumber } from '../../i18n/i18n.js';
import { ok } from '../../http/envelope.js';

export async function homeWeb(app: FastifyInstance): Promise<void> {
  const loadTiles = async () => (await Promise.all(app.deps.homeTiles.map((s) => s(app.deps.db)))).flat();

  app.get('/api/v1/home', { schema: { hide: true }, config: { pageCache: true } }, async () =>
    ok({ tiles: await loadTiles() }),
  );

  app.get('/', { config: { pageCache: true } }, async (request, reply) => {
    const { t, locale } = request.ctx;
    const tiles = await loadTiles();
    return sendPage(request, reply, {
      title: t('home.title'),
      description: t('home.intro'),
      jsonUrl: '/api/v1/home',
      main: html`<h1>${t('home.heading')}</h1>
<p class="lead">${t('home.intro')}</p>
<h2>${t('home.offers')}</h2>
<ul class="cards">${tiles.map(
        (tile) => html`<li class="card"><h3><a href="${tile.href}">${t(tile.title)}</a></h3>
  <span class="stat">${formatNumber(locale, tile.count)}</span> <span class="muted">${t(tile.countLabel, { n: '' }).trim()}</span>
  <p>${t(tile.description)}</p></li>`,
      )}</ul>
<h2>${t('home.machines')}</h2><p>${t('home.machinesText')} <a href="/api/docs">/api/docs</a></p>`,
    });
  });
}
