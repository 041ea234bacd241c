import { describe, expect, it } from 'vitest';
import { catalogs, installMessages } from '../i18n/i18n.js';
import { messageCatalogues } from './messages.js';

installMessages(messageCatalogues);

// `t()` falls back to the key itself, so a string missing in one language would show a raw key
// to that language's readers without any error: these checks are the only guard.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have the same keys in Indonesian and English', () => {
    const id = Object.keys(catalogs.id).sort();
    const en = Object.keys(catalogs.en).sort();
    expect(id.filter((k) => !(k in catalogs.en))).toEqual([]);
    expect(en.filter((k) => !(k in catalogs.id))).toEqual([]);
  });
  it('use the same placeholders in both languages', () => {
    const differ = Object.keys(catalogs.id).filter(
      (k) => JSON.stringify(placeholders(catalogs.id[k]!)) !== JSON.stringify(placeholders(catalogs.en[k] ?? '')),
    );
    expect(differ).toEqual([]);
  });
  it('have no empty strings', () => {
    const empty = (['id', 'en'] as const).flatMap((l) =>
      Object.entries(catalogs[l])
        .filter(([, v]) => !v.trim())
        .map(([k]) => `${l}:${k}`),
    );
    expect(empty).toEqual([]);
  });
});
