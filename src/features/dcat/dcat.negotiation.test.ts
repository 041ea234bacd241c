import { describe, expect, it } from 'vitest';
import { negotiateRdf } from './dcat.negotiation.js';

describe('negotiateRdf', () => {
  it('keeps HTML for browsers, wildcards and no Accept header', () => {
    expect(negotiateRdf(undefined)).toBeNull();
    expect(negotiateRdf('*/*')).toBeNull();
    expect(negotiateRdf('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBeNull();
    expect(negotiateRdf('text/html, text/turtle')).toBeNull();
    expect(negotiateRdf('application/json')).toBeNull();
  });
  it('picks the RDF syntax a harvester prefers, by weight', () => {
    expect(negotiateRdf('text/turtle')).toBe('ttl');
    expect(negotiateRdf('application/rdf+xml, */*;q=0.1')).toBe('rdf');
    expect(negotiateRdf('application/ld+json;q=0.5, text/turtle;q=0.9, text/html;q=0.4')).toBe('ttl');
    expect(negotiateRdf('text/turtle, */*')).toBe('ttl');
    expect(negotiateRdf('text/turtle;q=0, application/ld+json')).toBe('jsonld');
  });
});
