import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendPage } from '../../http/render.js';
import { planDocument } from './document.service.js';
import { documentBlocks } from './document.blocks.js';
import { renderPlanDocument } from './document.view.js';
import { renderPlanPdf } from './document.pdf.js';
import { planIdParam } from '../../http/envelope.js';

export async function planExportWeb(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get('/rencana-aksi/:id/cetak', { schema: { params: planIdParam } }, async (request, reply) => {
    const doc = await planDocument(db, request.params.id);
    const { t, locale } = request.ctx;
    return sendPage(request, reply, {
      title: t('planExport.pageTitle', { title: doc.plan.title }),
      main: renderPlanDocument(request.ctx, doc.plan.id, documentBlocks(t, locale, doc)),
      jsonUrl: `/api/v1/plans/${doc.plan.id}/export.json`,
      breadcrumbs: [
        { href: '/rencana-aksi', label: t('monitoring.plans') },
        { href: `/rencana-aksi/${doc.plan.id}`, label: doc.plan.title },
        { label: t('planExport.document') },
      ],
    });
  });

  r.get('/rencana-aksi/:id/cetak.pdf', { schema: { params: planIdParam } }, async (request, reply) => {
    const doc = await planDocument(db, request.params.id);
    const { t, locale } = request.ctx;
    const pdf = await renderPlanPdf(documentBlocks(t, locale, doc), {
      title: doc.plan.title,
      subject: t('planExport.subtitle', { jurisdiction: doc.jurisdiction, n: doc.plan.planNumber }),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="rencana-aksi-${doc.plan.planNumber}.pdf"`)
      .send(pdf);
  });
}
