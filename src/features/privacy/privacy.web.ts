import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirect, sendPage } from '../../http/render.js';
import { translateFieldErrors, fieldErrorsOf } from '../../http/forms.js';
import { hasRole } from '../../actor/actor.js';
import type { FieldError } from '../../errors.js';
import { html } from '../../views/html.js';
import { canProduce, canEditNow } from '../dataset/dataset.policy.js';
import { datasetUrls } from '../dataset/dataset.urls.js';
import { privacyState } from './privacy-state.js';
import { resolveFinding, restrictDataset } from './privacy.service.js';
import { smallCountThresholdFor } from './privacy.settings.js';
import { renderPrivacyPanel } from './privacy.view.js';
import { privacyUrls } from './privacy.urls.js';

type Params = { name: string; id: string };
const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v.at(-1) ?? '') : '');

/** Only pages of this dataset (its page, a resource, the review, the privacy page) are valid places to return to. */
function backTo(name: string, back: string): string {
  const ok =
    back.startsWith(datasetUrls.page(name) + '/') ||
    back === datasetUrls.page(name) ||
    back === datasetUrls.review(name);
  return ok && !back.includes('//') ? back : privacyUrls.page(name);
}

export async function privacyWeb(app: FastifyInstance): Promise<void> {
  const { db, storage, config } = app.deps;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    name: string,
    errors: FieldError[],
    values: Record<string, string>,
  ) {
    const s = await privacyState(db, request.ctx.user, name);
    const { t } = request.ctx;
    const panel = renderPrivacyPanel(request.ctx, s.d, s.resources, {
      canResolve: canProduce(request.ctx.user, s.d.organization_id) && canEditNow(s.d),
      public: s.public,
      isWalidata: hasRole(request.ctx.user, ['walidata']),
      threshold: smallCountThresholdFor(db),
      back: privacyUrls.page(s.d.name),
      errors: translateFieldErrors(t, errors),
      values,
    });
    return sendPage(
      request,
      reply,
      {
        title: `${t('privacy.title')} · ${s.d.title}`,
        main: s.resources.length
          ? panel
          : html`<h1>${t('privacy.title')}</h1><p class="notice ok">${t('quality.clean')}</p>`,
        jsonUrl: privacyUrls.api(s.d.name),
        breadcrumbs: [{ href: datasetUrls.page(s.d.name), label: s.d.title }, { label: t('privacy.title') }],
      },
      errors.length ? 422 : 200,
    );
  }

  app.get('/dataset/:name/privasi', async (request, reply) =>
    page(request, reply, (request.params as Params).name, [], {}),
  );

  app.post('/dataset/:name/sumber-daya/:id/privasi', async (request, reply) => {
    const p = request.params as Params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      column: text(body['column']),
      action: text(body['action']),
      reason: text(body['reason']),
      resource: p.id,
    };
    const action =
      values.action === 'drop' || values.action === 'mask' || values.action === 'override' ? values.action : 'drop';
    try {
      await resolveFinding(storage, request.ctx.user, p.name, p.id, {
        column: values.column,
        action,
        reason: values.reason,
        confirm: text(body['confirm']) === '1',
      });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return page(request, reply, p.name, fields, values);
      throw error;
    }
    return redirect(reply, backTo(p.name, text(body['back'])));
  });

  app.post('/dataset/:name/privasi/batasi', async (request, reply) => {
    const p = request.params as Params;
    await restrictDataset(storage, request.ctx.user, p.name);
    return redirect(reply, backTo(p.name, text(((request.body ?? {}) as Record<string, unknown>)['back'])));
  });
}
