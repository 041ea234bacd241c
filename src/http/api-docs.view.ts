import type { RequestContext } from '../views/page-context.js';
import { html, type SafeHtml } from '../views/html.js';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: { type?: string };
  }>;
  requestBody?: unknown;
}
interface OpenApiDoc {
  info: { title: string; description?: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

/** A readable, script-free rendering of the OpenAPI document, grouped by tag. */
export function renderApiDocs(ctx: RequestContext, doc: OpenApiDoc): SafeHtml {
  const groups = new Map<string, Array<{ method: string; path: string; op: Operation }>>();
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other';
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method: method.toUpperCase(), path, op });
    }
  }
  const tags = [...groups.keys()].sort();
  const l10n = (id: string, en: string) => (ctx.locale === 'id' ? id : en);
  const tokenHint = l10n('Token pribadi dikirim sebagai', 'Send personal tokens as');
  return html`<h1>${doc.info.title} <span class="badge">v${doc.info.version}</span></h1>
<p class="lead">${doc.info.description ?? ''}</p>
<p><a href="/api/openapi.json">OpenAPI 3.1 (JSON)</a> · ${tokenHint} <code>Authorization: Bearer tbk_…</code></p>
<nav aria-label="API"><ul>${tags.map((tag) => html`<li><a href="#tag-${tag}">${tag}</a> (${groups.get(tag)!.length})</li>`)}</ul></nav>
${tags.map(
  (tag) => html`<section aria-labelledby="tag-${tag}"><h2 id="tag-${tag}">${tag}</h2>
${groups.get(tag)!.map(
  ({ method, path, op }) => html`<h3><code>${method} ${path}</code></h3>
<p>${op.summary ?? ''}</p>${op.description ? html`<p class="muted">${op.description}</p>` : ''}
${
  op.parameters?.length
    ? html`<div class="table-scroll"><table><thead><tr><th scope="col">${l10n('Parameter', 'Parameter')}</th><th scope="col">in</th>
<th scope="col">${l10n('Tipe', 'Type')}</th><th scope="col">${l10n('Wajib', 'Required')}</th>
<th scope="col">${l10n('Keterangan', 'Description')}</th></tr></thead>
<tbody>${op.parameters.map(
        (p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.schema?.type ?? ''}</td>
<td>${p.required ? '✓' : ''}</td><td>${p.description ?? ''}</td></tr>`,
      )}</tbody></table></div>`
    : ''
}`,
)}
</section>`,
)}`;
}
