/**
 * What a browser would submit for the first form in a page (or the one posting to `action`):
 * text inputs and hidden fields, checked boxes and radios, textareas and selected options, in
 * document order. Enough for server-rendered forms; no JavaScript runs.
 */
export function formFields(html: string, action?: string): URLSearchParams {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => action === undefined || attr(f[1]!, 'action') === action);
  if (!form) throw new Error(`no form${action ? ` posting to ${action}` : ''} in page`);
  const fields = new URLSearchParams();
  for (const m of form[2]!.matchAll(
    /<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g,
  )) {
    if (m[1] !== undefined) {
      const name = attr(m[1], 'name');
      const type = attr(m[1], 'type') ?? 'text';
      if (!name || ['submit', 'button', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(m[1])) continue;
      fields.append(name, attr(m[1], 'value') ?? (type === 'checkbox' ? 'on' : ''));
    } else if (m[2] !== undefined) {
      const name = attr(m[2], 'name');
      if (name) fields.append(name, unescapeHtml(m[3]!));
    } else {
      const name = attr(m[4]!, 'name');
      if (!name) continue;
      for (const o of m[5]!.matchAll(/<option\b([^>]*)>/g))
        if (/\bselected\b/.test(o[1]!)) fields.append(name, attr(o[1]!, 'value') ?? '');
    }
  }
  return fields;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]!) : undefined;
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
