/**
 * The colours of an exported diagram: the canvas's light and dark themes (the `--bp-*` custom properties of the
 * app's stylesheet), as plain values an SVG can use without CSS.
 */

/** Every colour the diagram renderer paints with. Opacities are separate, as some SVG consumers ignore rgba(). */
export interface DiagramTheme {
  canvas: string;
  fg: string;
  muted: string;
  border: string;
  nodeBg: string;
  panel: string;
  regionFill: string;
  regionFillOpacity: number;
  regionBorder: string;
  zoneFill: string;
  zoneFillOpacity: number;
  note: string;
  noteFg: string;
  warn: string;
  /** The sidecar's border, and (mixed at 10% into the node background) its fill. */
  sidecarBorder: string;
  sidecarFill: string;
  shadowOpacity: number;
}

export type ThemeName = 'light' | 'dark';

export const DIAGRAM_THEMES: Readonly<Record<ThemeName, DiagramTheme>> = {
  light: {
    canvas: '#fbfbfa',
    fg: '#1d1f23',
    muted: '#5f6570',
    border: '#dcdee3',
    nodeBg: '#ffffff',
    panel: '#ffffff',
    regionFill: '#2563eb',
    regionFillOpacity: 0.035,
    regionBorder: '#9aa5b8',
    zoneFill: '#7c3aed',
    zoneFillOpacity: 0.04,
    note: '#fff3a8',
    noteFg: '#3b3410',
    warn: '#b45309',
    sidecarBorder: '#0d9488',
    sidecarFill: '#e7f4f3',
    shadowOpacity: 0.12,
  },
  dark: {
    canvas: '#17191e',
    fg: '#e6e8ec',
    muted: '#9aa1ad',
    border: '#2f333c',
    nodeBg: '#22262e',
    panel: '#1c1f25',
    regionFill: '#60a5fa',
    regionFillOpacity: 0.05,
    regionBorder: '#4b5567',
    zoneFill: '#a78bfa',
    zoneFillOpacity: 0.06,
    note: '#5c5320',
    noteFg: '#fdf6c8',
    warn: '#fbbf24',
    sidecarBorder: '#0d9488',
    sidecarFill: '#203137',
    shadowOpacity: 0.4,
  },
};
