import { catalogEntry } from '@/graph/catalog';
import type { GraphDocument } from '@/graph/types';
import { CATEGORY_STYLES } from '../categoryStyle';

/**
 * A graph drawn small from its document: each layer a box at its canvas position in its category's
 * colour, each connection a line. Drawn as React SVG from the checked document (no markup from the sender).
 */
export function GraphThumbnail({ doc, width = 240, height = 160 }: { doc: GraphDocument; width?: number; height?: number }) {
  const xs = doc.nodes.map((n) => n.position.x);
  const ys = doc.nodes.map((n) => n.position.y);
  const box = { w: 180, h: 56 };
  const [minX, minY] = [Math.min(...xs, 0), Math.min(...ys, 0)];
  const spanX = Math.max(...xs, minX) - minX + box.w;
  const spanY = Math.max(...ys, minY) - minY + box.h;
  const pad = 20;
  const at = new Map(doc.nodes.map((n) => [n.id, n.position]));
  return (
    <svg viewBox={`${minX - pad} ${minY - pad} ${spanX + 2 * pad} ${spanY + 2 * pad}`} width={width} height={height} className="rounded border border-slate-200 bg-slate-50" role="img" aria-label={`Graph with ${doc.nodes.length} layers`} data-testid="board-graph-thumbnail">
      {doc.edges.map((e) => {
        const a = at.get(e.source);
        const b = at.get(e.target);
        return a && b ? <line key={e.id} x1={a.x + box.w / 2} y1={a.y + box.h / 2} x2={b.x + box.w / 2} y2={b.y + box.h / 2} stroke="#94a3b8" strokeWidth={6} /> : null;
      })}
      {doc.nodes.map((n) => {
        const style = CATEGORY_STYLES[catalogEntry(n.type).category];
        return (
          <g key={n.id}>
            <rect x={n.position.x} y={n.position.y} width={box.w} height={box.h} rx={10} fill="#fff" stroke={style.hex} strokeWidth={6} />
            <text x={n.position.x + box.w / 2} y={n.position.y + box.h / 2 + 10} textAnchor="middle" fontSize={30} fill="#334155">
              {n.type.slice(0, 10)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
