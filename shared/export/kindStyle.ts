/**
 * How each node kind looks, shared by the canvas and the exporters: its accent colour, its name and its icon.
 */
import type { NodeKind } from '../model/types.js';

/**
 * The accent hue of each kind: the node's left stripe and icon. Mid-tone shades, so each one keeps a contrast of
 * about 3:1 or more both on a light panel and on a dark one.
 */
export const KIND_COLORS: Readonly<Record<NodeKind, string>> = {
  client: '#0284c7',
  dns: '#ca8a04',
  cdn: '#0d9488',
  loadBalancer: '#ea580c',
  service: '#16a34a',
  database: '#6366f1',
  cache: '#e11d48',
  queue: '#65a30d',
  sidecar: '#a855f7',
  region: '#71717a',
};

/** What each kind is called on the canvas. */
export const KIND_TITLES: Readonly<Record<NodeKind, string>> = {
  client: 'Client',
  dns: 'DNS',
  cdn: 'CDN edge',
  loadBalancer: 'Load balancer',
  service: 'Service',
  database: 'Database',
  cache: 'Cache',
  queue: 'Queue',
  sidecar: 'Sidecar',
  region: 'Region',
};

/** One element of a kind's icon, in a 24×24 box, stroked in the kind's colour. */
export type GlyphPart =
  | { tag: 'path'; d: string }
  | { tag: 'circle'; cx: number; cy: number; r: number }
  | { tag: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
  | { tag: 'rect'; x: number; y: number; width: number; height: number; rx: number; dashed?: boolean };

/** The icon of each kind: stroke drawings in a 24×24 box (stroke width 1.75, round caps and joins). */
export const KIND_GLYPHS: Readonly<Record<NodeKind, readonly GlyphPart[]>> = {
  // A person: head and shoulders.
  client: [
    { tag: 'circle', cx: 12, cy: 8, r: 3.75 },
    { tag: 'path', d: 'M4.75 20.25c0-4 3.25-6.75 7.25-6.75s7.25 2.75 7.25 6.75' },
  ],
  // A signpost: a pole with two signs pointing opposite ways.
  dns: [
    { tag: 'path', d: 'M12 2.75v18.5M8.5 21.25h7' },
    { tag: 'path', d: 'M5 4.75h11.25l2.75 2.5-2.75 2.5H5z' },
    { tag: 'path', d: 'M19 12.25H7.75L5 14.75l2.75 2.5H19z' },
  ],
  // A cloud with three edge locations hanging under it.
  cdn: [
    { tag: 'path', d: 'M7.5 14.5a3.75 3.75 0 0 1-.4-7.48 5 5 0 0 1 9.6.73A3.4 3.4 0 0 1 16.6 14.5z' },
    { tag: 'path', d: 'M8 14.5l-2 3.5M12 14.5v3.5M16 14.5l2 3.5' },
    { tag: 'circle', cx: 5.5, cy: 19.75, r: 1.25 },
    { tag: 'circle', cx: 12, cy: 19.75, r: 1.25 },
    { tag: 'circle', cx: 18.5, cy: 19.75, r: 1.25 },
  ],
  // One stream fanning out into three.
  loadBalancer: [
    { tag: 'circle', cx: 4, cy: 12, r: 2 },
    { tag: 'path', d: 'M6 12h13.25M8.5 12c4.5 0 5-7 10.75-7M8.5 12c4.5 0 5 7 10.75 7' },
    { tag: 'path', d: 'M17 2.75L19.25 5 17 7.25M17 9.75L19.25 12 17 14.25M17 16.75l2.25 2.25L17 21.25' },
  ],
  // A server: two rack units with status lights.
  service: [
    { tag: 'rect', x: 3.25, y: 3.75, width: 17.5, height: 7, rx: 1.75 },
    { tag: 'rect', x: 3.25, y: 13.25, width: 17.5, height: 7, rx: 1.75 },
    { tag: 'path', d: 'M7 7.25h.01M7 16.75h.01M11 7.25h6M11 16.75h6' },
  ],
  // A cylinder.
  database: [
    { tag: 'ellipse', cx: 12, cy: 5.5, rx: 7.25, ry: 2.75 },
    { tag: 'path', d: 'M4.75 5.5v13c0 1.52 3.25 2.75 7.25 2.75s7.25-1.23 7.25-2.75v-13' },
    { tag: 'path', d: 'M4.75 12c0 1.52 3.25 2.75 7.25 2.75s7.25-1.23 7.25-2.75' },
  ],
  // A memory chip with a lightning bolt.
  cache: [
    { tag: 'rect', x: 5, y: 5, width: 14, height: 14, rx: 2 },
    { tag: 'path', d: 'M9 2.25V5M15 2.25V5M9 19v2.75M15 19v2.75M2.25 9H5M2.25 15H5M19 9h2.75M19 15h2.75' },
    { tag: 'path', d: 'M12.75 7.75L9.75 12.5h4.5l-3 4.25' },
  ],
  // A pipe carrying three messages.
  queue: [
    { tag: 'path', d: 'M2.5 6.25h19M2.5 17.75h19' },
    { tag: 'rect', x: 4.25, y: 9.25, width: 4, height: 5.5, rx: 0.75 },
    { tag: 'rect', x: 10, y: 9.25, width: 4, height: 5.5, rx: 0.75 },
    { tag: 'rect', x: 15.75, y: 9.25, width: 4, height: 5.5, rx: 0.75 },
  ],
  // A box (the service) with a small hexagon (the proxy) docked on its side.
  sidecar: [
    { tag: 'rect', x: 2.75, y: 5.25, width: 10.5, height: 13.5, rx: 1.75 },
    { tag: 'path', d: 'M6 9.5h4M6 12h4M6 14.5h2.5' },
    { tag: 'path', d: 'M17.6 8.25l3.4 1.9v3.7l-3.4 1.9-3.4-1.9v-3.7z' },
    { tag: 'path', d: 'M13.25 12h.95' },
  ],
  // A dashed area with a map pin in it.
  region: [
    { tag: 'rect', x: 2.75, y: 2.75, width: 18.5, height: 18.5, rx: 3, dashed: true },
    { tag: 'path', d: 'M12 17.5s-4.25-3.6-4.25-6.9a4.25 4.25 0 0 1 8.5 0c0 3.3-4.25 6.9-4.25 6.9z' },
    { tag: 'circle', cx: 12, cy: 10.6, r: 1.4 },
  ],
};

/** The dash pattern of a dashed glyph part (the region icon's outline). */
export const GLYPH_DASH = '3 2.6';
