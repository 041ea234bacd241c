import { html, type SafeHtml } from '../../views/html.js';

/** Atom 1.0 (RFC 4287) feeds, built as escaped XML text. */

export interface AtomEntry {
  /** A permanent, unique IRI (e.g. `tag:` URI or absolute URL with a fragment). */
  id: string;
  title: string;
  /** ISO-8601 timestamp. */
  updated: string;
  /** Absolute URL of the page the entry is about. */
  link: string;
  summary?: string;
  author?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** Absolute URL of the feed itself. */
  selfUrl: string;
  /** Absolute URL of the HTML page the feed follows. */
  alternateUrl: string;
  /** Used when there are no entries; otherwise the newest entry's time. */
  updated: string;
  author: string;
  language?: string;
  entries: AtomEntry[];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML content and attributes, dropping characters XML 1.0 forbids. */
export function escapeXml(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

export function buildAtomFeed(feed: AtomFeed): string {
  const entries = [...feed.entries].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const updated = entries[0]?.updated ?? feed.updated;
  const e = escapeXml;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${feed.language ? ` xml:lang="${e(feed.language)}"` : ''}>`,
    `  <id>${e(feed.id)}</id>`,
    `  <title>${e(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle>${e(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${e(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${e(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(feed.alternateUrl)}"/>`,
    `  <author><name>${e(feed.author)}</name></author>`,
    '  <generator>Terbuka</generator>',
    ...entries.map((entry) =>
      [
        '  <entry>',
        `    <id>${e(entry.id)}</id>`,
        `    <title>${e(entry.title)}</title>`,
        `    <updated>${e(entry.updated)}</updated>`,
        `    <link rel="alternate" type="text/html" href="${e(entry.link)}"/>`,
        ...(entry.author ? [`    <author><name>${e(entry.author)}</name></author>`] : []),
        ...(entry.summary ? [`    <summary type="text">${e(entry.summary)}</summary>`] : []),
        '  </entry>',
      ].join('\n'),
    ),
    '</feed>',
  ];
  return lines.join('\n') + '\n';
}

/** A `tag:` URI (RFC 4151) for stable feed and entry ids. */
export function tagUri(host: string, specific: string): string {
  return `tag:${host},2025:${specific}`;
}

/** The <link rel="alternate"> tag that announces a feed in a page's <head>. */
export function feedLinkTag(href: string, title: string): SafeHtml {
  return html`<link rel="alternate" type="application/atom+xml" href="${href}" title="${title}">`;
}
