import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage } from '../../http/render.js';
import { getWilayahProfile, searchWilayah } from './wilayah.service.js';
import { kodeParam } from './wilayah.schema.js';
import { presentWilayah } from './wilayah.presenter.js';
import { renderWilayahIndex, renderWilayahProfile } from './wilayah.view.js';
import { urls } from '../../urls.js';
import type { ProfileSection } from './profile-section.js';
import type { RequestContext } from '../../views/page-context.js';
import type { Db } from '../../storage/database.js';
import type { WilayahRow } from './wilayah.view.js';
import { ok } from '../../http/envelope.js';

async function renderProfileSections(
  profileSections: readonly ProfileSection[],
  ctx: RequestContext,
  db: Db,
  wilayah: WilayahRow,
) {
  const ordered = [...profileSections].sort((a, b) => a.order - b.order);
  const rendered = await Promise.all(ordered.map((s) => s.render(ctx, db, wilayah)));
  return rendered.filter((s) => s !== null);
}

export async function wilayahWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/wilayah', async (request, reply) => {
    const rows = await searchWilayah(app.deps.db, {});
    return sendPage(request, reply, {
      title: request.ctx.t('wilayah.title'),
      main: renderWilayahIndex(request.ctx, rows),
      jsonUrl: urls.wilayahListJson(),
    });
  });

  r.get(
    '/api/v1/wilayah/:kode/profile',
    {
      schema: {
        summary: 'Everything the profile page shows about one area (indicators, datasets, commitments)',
        tags: ['wilayah'],
        params: kodeParam,
      },
    },
    async (request) => {
      const profile = await getWilayahProfile(app.deps.db, request.params.kode);
      const sections: Record<string, unknown> = {};
      for (const s of app.deps.profileSections) if (s.json) sections[s.id] = await s.json(app.deps.db, profile.wilayah);
      return ok({ wilayah: presentWilayah(profile.wilayah), children: profile.children.map(presentWilayah), sections });
    },
  );

  r.get('/wilayah/:kode', { schema: { params: kodeParam } }, async (request, reply) => {
    const profile = await getWilayahProfile(app.deps.db, request.params.kode);
    const { t } = request.ctx;
    const sections = await renderProfileSections(app.deps.profileSections, request.ctx, app.deps.db, profile.wilayah);
    return sendPage(request, reply, {
      title: `${t(`wilayah.level.${profile.wilayah.tingkat}`)} ${profile.wilayah.nama}`,
      main: renderWilayahProfile(request.ctx, profile, sections),
      jsonUrl: urls.wilayahJson(profile.wilayah.kode),
      breadcrumbs: [
        { href: urls.wilayahIndex(), label: t('wilayah.title') },
        ...profile.ancestors.map((a) => ({ href: urls.wilayah(a.kode), label: a.nama })),
        { label: profile.wilayah.nama },
      ],
    });
  });
}
