import { pixelSize } from './exportOptions.js';

/** Loads an SVG document as an image (through a Blob URL, which the app's Content-Security-Policy admits). */
export async function loadSvgImage(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the browser could not draw the diagram’s SVG'));
      image.src = url;
    });
    return image;
  } finally {
    // A decoded image keeps its pixels; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** A 2D context of a new canvas of `width` x `height` pixels. */
export function canvas2d(width: number, height: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = globalThis.document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser has no 2D canvas to draw the image on');
  return { canvas, ctx };
}

export function canvasToBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the image'))),
      type,
      quality,
    ),
  );
}

/**
 * Draws an SVG of `width` x `height` document units onto a canvas at `scale` pixels per unit and encodes it as a
 * PNG. Drawing the vector image at the target size keeps text and lines sharp at 2x and 4x.
 */
export async function svgToPng(svg: string, width: number, height: number, scale: number): Promise<Uint8Array> {
  const image = await loadSvgImage(svg);
  const px = pixelSize(width, height, scale);
  const { canvas, ctx } = canvas2d(px.width, px.height);
  ctx.drawImage(image, 0, 0, px.width, px.height);
  const blob = await canvasToBlob(canvas, 'image/png');
  return new Uint8Array(await blob.arrayBuffer());
}
