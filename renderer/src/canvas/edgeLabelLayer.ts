import { createContext } from 'react';

/**
 * The element edge labels are portalled into (React Flow's edge label layer), or null when labels are not drawn (a
 * large document zoomed out too far for them to be read). The canvas looks the layer up once; React Flow's own
 * `EdgeLabelRenderer` looks it up with a DOM query in every edge on every update of its store, that is for every
 * edge at every step of a pan, zoom or drag.
 */
export const EdgeLabelLayerContext = createContext<HTMLElement | null>(null);
