// Renders the app icon (assets/icons/icon.svg) to the PNGs the desktop app and its installers use:
// assets/icons/<size>x<size>.png for every size below (Linux takes the folder), and icon.png at 512 x 512
// (electron-builder derives the Windows .ico and the macOS .icns from a PNG of 512 or more; macOS uses 1024).
// Run after editing the SVG: `npm run icons`, then commit the PNGs.
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const dir = path.resolve(import.meta.dirname, '..', 'assets', 'icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

function render(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

for (const size of SIZES) {
  const file = path.join(dir, `${size}x${size}.png`);
  const png = render(size);
  fs.writeFileSync(file, png);
  if (size === 512) fs.writeFileSync(path.join(dir, 'icon.png'), png);
  console.log(`${path.relative(process.cwd(), file)}  ${png.length} bytes`);
}
