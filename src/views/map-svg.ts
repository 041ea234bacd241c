import { escapeHtml } from './html.js';

type Position = [number, number];
export type Geometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface MapFeature {
  kode: string;
  nama: string;
  geometry: Geometry;
  /** CSS class (e.g. `focus`, `other`, `city`) or an explicit fill colour; `hatch` for a hidden (suppressed) value. */
  className?: string;
  fill?: string;
  href?: string;
  /** Tooltip/accessible name; defaults to the name. */
  label?: string;
}

export interface MapOptions {
  features: MapFeature[];
  title: string;
  description?: string;
  /** Width of the viewBox; the height follows the area's shape. */
  width?: number;
  idPrefix?: string;
}

function polygons(geometry: Geometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * Draws boundaries as an accessible SVG on the server: an equirectangular projection corrected
 * for latitude, which is accurate enough at city scale and needs no map library or tile server.
 */
export function renderMapSvg(options: MapOptions): string {
  const width = options.width ?? 600;
  let minLng = Infinity,
    maxLng = -Infinity,
    minLat = Infinity,
    maxLat = -Infinity;
  for (const f of options.features) {
    for (const poly of polygons(f.geometry))
      for (const ring of poly)
        for (const [lng, lat] of ring) {
          if (lng < minLng) minLng = lng;
          if (lng > maxLng) maxLng = lng;
          if (lat < minLat) minLat = lat;
          if (lat > maxLat) maxLat = lat;
        }
  }
  if (!Number.isFinite(minLng)) return '';
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const pad = 4;
  const scale = (width - 2 * pad) / Math.max((maxLng - minLng) * kx, 1e-9);
  const height = Math.round((maxLat - minLat) * scale + 2 * pad);
  const px = (lng: number) => ((lng - minLng) * kx * scale + pad).toFixed(1);
  const py = (lat: number) => ((maxLat - lat) * scale + pad).toFixed(1);
  const id = options.idPrefix ?? 'map';

  const paths = options.features.map((f) => {
    const d = polygons(f.geometry)
      .map((poly) =>
        poly.map((ring) => 'M' + ring.map(([lng, lat]) => `${px(lng)} ${py(lat)}`).join('L') + 'Z').join(''),
      )
      .join('');
    const fill = f.fill === HATCH ? `url(#${id}-hatch)` : f.fill;
    const attrs = `${f.className ? ` class="${escapeHtml(f.className)}"` : ''}${fill ? ` fill="${escapeHtml(fill)}"` : ''}`;
    const path = `<path d="${d}"${attrs} fill-rule="evenodd"><title>${escapeHtml(f.label ?? f.nama)}</title></path>`;
    return f.href ? `<a href="${escapeHtml(f.href)}" aria-label="${escapeHtml(f.label ?? f.nama)}">${path}</a>` : path;
  });
  // With links inside, the SVG is a group of interactive shapes, not a single image
  // (role=img around links is "nested interactive" for screen readers).
  const role = options.features.some((f) => f.href) ? 'group' : 'img';
  const desc = options.description ? `<desc id="${id}-desc">${escapeHtml(options.description)}</desc>` : '';
  const defs = options.features.some((f) => f.fill === HATCH) ? hatchPattern(`${id}-hatch`) : '';
  const labelledBy = `${id}-title${desc ? ` ${id}-desc` : ''}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="${role}" aria-labelledby="${labelledBy}">` +
    `<title id="${id}-title">${escapeHtml(options.title)}</title>${desc}${defs}${paths.join('')}</svg>`
  );
}

/** The fill of an area whose value is hidden: hatched, so it never reads as "no data" or zero. */
export const HATCH = 'hatch';

export function hatchPattern(patternId: string): string {
  return (
    `<defs><pattern id="${patternId}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
    '<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555555" stroke-width="2.5"/>' +
    '</pattern></defs>'
  );
}

export function parseGeometry(text: string | null): Geometry | null {
  if (!text) return null;
  const g = JSON.parse(text) as Geometry;
  return g.type === 'Polygon' || g.type === 'MultiPolygon' ? g : null;
}
