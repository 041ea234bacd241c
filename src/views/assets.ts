import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../ids.js';

export const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public');

export interface Asset {
  /** The URL with the content hash in its name, served with a year-long immutable cache. */
  url: string;
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

/** Reads public/ once at start-up and names each file by its content hash. */
function loadAssets(): Map<string, Asset> {
  const map = new Map<string, Asset>();
  for (const name of fs.readdirSync(PUBLIC_DIR)) {
    const ext = path.extname(name);
    if (!TYPES[ext]) continue;
    const body = fs.readFileSync(path.join(PUBLIC_DIR, name));
    const hashed = `${path.basename(name, ext)}.${sha256(body).slice(0, 10)}${ext}`;
    map.set(name, { url: `/static/${hashed}`, body, type: TYPES[ext]! });
  }
  return map;
}

export const assets = loadAssets();

export function assetUrl(name: string): string {
  const asset = assets.get(name);
  if (!asset) throw new Error(`Unknown asset ${name}`);
  return asset.url;
}
