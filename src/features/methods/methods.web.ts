import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendPage } from '../../http/render.js';
import type { RequestContext } from '../../views/page-context.js';
import { html, type SafeHtml } from '../../views/html.js';
import type { MethodsSection } from './methods.section.js';
import { ok, okSchema } from '../../http/envelope.js';

export const methodsUrls = { page: () => '/metode', json: () => '/api/v1/methods' };

const sectionJson = z.object({ id: z.string(), title: z.string(), paragraphs: z.array(z.string()) });
const methodsResponse = okSchema(z.object({ title: z.string(), intro: z.string(), sections: z.array(sectionJson) }));

/** The sections in the reader's language, with their placeholders filled. */
export function presentSections(
  ctx: RequestContext,
  sections: readonly MethodsSection[],
  settings: { suppressionThreshold: number },
) {
  return sections.map((s) => {
    const params = s.params?.(settings) ?? {};
    return { id: s.id, title: ctx.t(s.title, params), paragraphs: s.paragraphs.map((p) => ctx.t(p, params)) };
  });
}

export function renderMethods(ctx: RequestContext, sections: ReturnType<typeof presentSections>): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('methods.title')}</h1><p class="lead">${t('methods.intro')}</p>
${
  sections.length > 1
    ? html`<nav aria-labelledby="methods-toc"><h2 id="methods-toc">${t('methods.contents')}</h2><ul>${sections.map(
        (s) => html`<li><a href="#${s.id}">${s.title}</a></li>`,
      )}</ul></nav>`
    : ''
}
${sections.map(
  (s) => html`<section id="${s.id}" aria-labelledby="${s.id}-h">
<h2 id="${s.id}-h">${s.title}</h2>${s.paragraphs.map((p) => html`<p>${p}</p>`)}</section>`,
)}`;
}

/** The public methods page and its JSON twin; the sections come from the composition root (`app.deps.methodsSections`). */
export async function methodsWeb(
  app: FastifyInstance,
  opts: { sections?: readonly MethodsSection[] } = {},
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = { suppressionThreshold: app.deps.config.suppressionThreshold };
  const sections = opts.sections ?? app.deps.methodsSections;

  r.get('/metode', async (request, reply) =>
    sendPage(request, reply, {
      title: request.ctx.t('methods.title'),
      main: renderMethods(request.ctx, presentSections(request.ctx, sections, settings)),
      jsonUrl: methodsUrls.json(),
    }),
  );

  r.get(
    '/api/v1/methods',
    {
      schema: {
        summary: 'How the portal protects data (the methods page as JSON)',
        tags: ['methods'],
        response: { 200: methodsResponse },
      },
    },
    async (request) =>
      ok({
        title: request.ctx.t('methods.title'),
        intro: request.ctx.t('methods.intro'),
        sections: presentSections(request.ctx, sections, settings),
      }),
  );
}
