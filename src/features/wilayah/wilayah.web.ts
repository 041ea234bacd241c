import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage } from '../../http/render.js';
import { getWilayahProfile, searchWilayah } from './wilayah.service.js';
import { kodeParam } from './wilayah.schema.js';
import { renderWilayahIndex, renderWilayahProfile } from './wilayah.view.js';
import { urls } from '../../urls.js';

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

  r.get('/wilayah/:kode', { schema: { params: kodeParam } }, async (request, reply) => {
    const profile = await getWilayahProfile(app.deps.db, request.params.kode);
    const { t } = request.ctx;
    return sendPage(request, reply, {
      title: `${t(`wilayah.level.${profile.wilayah.tingkat}`)} ${profile.wilayah.nama}`,
      main: renderWilayahProfile(request.ctx, profile),
      jsonUrl: urls.wilayahJson(profile.wilayah.kode),
      breadcrumbs: [
        { href: urls.wilayahIndex(), label: t('wilayah.title') },
        ...profile.ancestors.map((a) => ({ href: urls.wilayah(a.kode), label: a.nama })),
        { label: profile.wilayah.nama },
      ],
    });
  });
}
