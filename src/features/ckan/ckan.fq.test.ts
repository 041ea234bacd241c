import { describe, expect, it } from 'vitest';
import { parseCkanSort, parseSolrQuery, SearchQueryError, solrDate } from './ckan.fq.js';

describe('Solr-style q/fq parsing', () => {
  it('reads field:value and -field:value', () => {
    expect(parseSolrQuery('tags:kesehatan')).toEqual([
      { kind: 'term', field: 'tags', values: ['kesehatan'], negate: false },
    ]);
    expect(parseSolrQuery('-organization:dlh')).toEqual([
      { kind: 'term', field: 'organization', values: ['dlh'], negate: true },
    ]);
    expect(parseSolrQuery('res_format:csv')).toEqual([
      { kind: 'term', field: 'res_format', values: ['CSV'], negate: false },
    ]);
  });

  it('reads quoted values, groups and OR', () => {
    expect(parseSolrQuery('tags:"air bersih"')).toEqual([
      { kind: 'term', field: 'tags', values: ['air bersih'], negate: false },
    ]);
    expect(parseSolrQuery('groups:(kesehatan OR pendidikan)')).toEqual([
      { kind: 'term', field: 'groups', values: ['kesehatan', 'pendidikan'], negate: false },
    ]);
    const or = parseSolrQuery('organization:dlh OR organization:diskominfo');
    expect(or).toEqual([
      {
        kind: 'any',
        negate: false,
        clauses: [
          { kind: 'term', field: 'organization', values: ['dlh'], negate: false },
          { kind: 'term', field: 'organization', values: ['diskominfo'], negate: false },
        ],
      },
    ]);
  });

  it('joins juxtaposed clauses with AND and merges free words into one text clause', () => {
    const clauses = parseSolrQuery('penduduk kelurahan tags:a AND -tags:b');
    expect(clauses).toContainEqual({ kind: 'term', field: 'tags', values: ['a'], negate: false });
    expect(clauses).toContainEqual({ kind: 'term', field: 'tags', values: ['b'], negate: true });
    expect(clauses).toContainEqual({ kind: 'text', text: 'penduduk kelurahan', negate: false });
  });

  it('reads metadata_modified ranges, open ends and NOW date math', () => {
    expect(parseSolrQuery('metadata_modified:[2024-01-01T00:00:00Z TO *]')).toEqual([
      { kind: 'range', field: 'metadata_modified', from: '2024-01-01T00:00:00.000000', to: null, negate: false },
    ]);
    const now = new Date('2026-11-27T12:00:00Z');
    expect(solrDate('NOW-1DAY', now)).toBe('2026-11-26T12:00:00.000000');
    expect(solrDate('NOW/DAY', now)).toBe('2026-11-27T00:00:00.000000');
    expect(solrDate('*')).toBeNull();
  });

  it('treats constant fields (dataset_type, state) as always true', () => {
    expect(parseSolrQuery('dataset_type:dataset')).toEqual([{ kind: 'all', negate: false }]);
    expect(parseSolrQuery('dataset_type:harvest')).toEqual([{ kind: 'all', negate: true }]);
    expect(parseSolrQuery('*:*')).toEqual([{ kind: 'all', negate: false }]);
  });

  it('rejects what it cannot read', () => {
    expect(() => parseSolrQuery('bogus_field:x')).toThrow(SearchQueryError);
    expect(() => parseSolrQuery('metadata_modified:[yesterday TO *]')).toThrow(SearchQueryError);
    expect(() => parseSolrQuery('tags:"open')).toThrow(SearchQueryError);
    expect(() => parseSolrQuery('(tags:a')).toThrow(SearchQueryError);
  });

  it('reads CKAN sorts', () => {
    expect(parseCkanSort('score desc, metadata_modified desc')).toEqual([
      { key: 'score', desc: true },
      { key: 'metadata_modified', desc: true },
    ]);
    expect(parseCkanSort('id asc')).toEqual([{ key: 'id', desc: false }]);
    expect(parseCkanSort('title_string asc')).toEqual([{ key: 'title', desc: false }]);
    expect(() => parseCkanSort('views_recent; drop')).toThrow(SearchQueryError);
  });
});
