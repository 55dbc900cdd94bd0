'use client';

import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { catalogEntry } from '@/graph/catalog';
import { NODE_TYPES, type NodeType } from '@/graph/types';
import { CATEGORY_STYLES } from '../categoryStyle';
import { dropFiles } from './fileDrop';
import { DEFAULT_NODE_SIZE } from '@/graph/edit';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider';
import type { LayerFlowNode, ShapeFlowEdge } from '../store/view';
import { EmptyHint } from './EmptyHint';
import { CORNER } from './viewAspect';
import { READABLE_ZOOM } from './readableView';
import { useReadableFit } from './useReadableFit';
import { useRevealNode } from './useViewCenter';
import { useMinimapClearance } from './useMinimapClearance';
import { NodeCard } from './NodeCard';
import { QuickAdd, type QuickAddRequest } from './QuickAdd';
import { ShapeEdge } from './ShapeEdge';
import { focusNode, useGraphKeyboard, type GraphKeyboardHandlers } from './useGraphKeyboard';

/** The drag payload type a palette item sets; its value is the NodeType. */
export const NODE_DRAG_MIME = 'application/x-convas-node';

// Every layer type is drawn by the same card (see LayerFlowNode for why the types are distinct).
const nodeTypes = Object.fromEntries(NODE_TYPES.map((t) => [t, NodeCard])) as Record<NodeType, typeof NodeCard>;
const edgeTypes = { shape: ShapeEdge };
/** A saved viewport worth restoring: one at a readable zoom (older versions saved fits of 0.5). */
function keptViewport(v: { x: number; y: number; zoom: number } | null): { x: number; y: number; zoom: number } | null {
  return v && v.zoom >= READABLE_ZOOM - 1e-6 ? v : null;
}

function minimapColor(node: LayerFlowNode): string {
  return CATEGORY_STYLES[catalogEntry(node.data.node.type).category].hex;
}

/**
 * The model canvas: React Flow, controlled by the store (every change goes through a store action).
 * Accepts palette items and .json files dropped on it, refuses invalid connections with a message, keeps
 * the viewport in the store (autosaved), and fits the view when a new graph is loaded.
 */
export function Canvas() {
  const api = useAppStoreApi();
  const nodes = useAppStore((s) => s.nodes);
  const edges = useAppStore((s) => s.edges);
  const fitRequest = useAppStore((s) => s.fitRequest);
  const onNodesChange = useAppStore((s) => s.onNodesChange);
  const onEdgesChange = useAppStore((s) => s.onEdgesChange);
  const flow = useReactFlow<LayerFlowNode>();
  const fit = useReadableFit();
  const reveal = useRevealNode();
  // Read once: the saved viewport of a restored session (a fresh one, or one too small to read, is fitted).
  const initialViewport = useRef(keptViewport(api.getState().viewport));
  const measured = useNodesInitialized();
  const fitted = useRef(initialViewport.current !== null);

  useEffect(() => {
    if (fitted.current || !measured) return;
    fitted.current = true;
    fit();
  }, [measured, fit]);

  useEffect(() => {
    if (fitRequest === 0) return;
    // Wait a frame so React Flow has measured the new nodes. No animation: a click aimed at a card of the
    // new graph must not land where the card was a moment before.
    const id = requestAnimationFrame(() => fit());
    return () => cancelAnimationFrame(id);
  }, [fitRequest, fit]);

  // The view follows a node just added (palette, quick add, paste of one, a fix): it may land off screen.
  const known = useRef<Set<string> | null>(null);
  const lastFit = useRef(fitRequest);
  useEffect(() => {
    const ids = new Set(nodes.map((n) => n.id));
    const before = known.current;
    known.current = ids;
    const loaded = lastFit.current !== fitRequest;
    lastFit.current = fitRequest;
    if (!before || loaded) return;
    const added = nodes.filter((n) => !before.has(n.id));
    if (added.length !== 1) return;
    // Lenient: a card dropped or typed in where the user pointed stays put; one placed out of sight is shown.
    const id = requestAnimationFrame(() => reveal(added[0].id, false));
    return () => cancelAnimationFrame(id);
  }, [nodes, fitRequest, reveal]);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => api.getState().checkConnection(c.source, c.target).ok,
    [api],
  );
  const onConnect = useCallback((c: Connection) => void api.getState().connect(c.source, c.target), [api]);
  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // React Flow silently drops a connection isValidConnection refused: say why.
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const fromSource = state.fromHandle?.type !== 'target';
      const source = fromSource ? state.fromNode.id : state.toNode.id;
      const target = fromSource ? state.toNode.id : state.fromNode.id;
      const check = api.getState().checkConnection(source, target);
      if (!check.ok) api.getState().notify(check.reason, 'error');
    },
    [api],
  );

  // The minimap steps aside while a selected node's problem popover needs its corner.
  const minimap = useMinimapClearance(nodes);

  const [quickAdd, setQuickAdd] = useState<QuickAddRequest | null>(null);
  const openQuickAdd = useCallback(
    (screen: { x: number; y: number }, link: { source?: string; target?: string } = {}) => {
      const p = flow.screenToFlowPosition(screen);
      setQuickAdd({ screen, flow: { x: p.x - (link.target ? DEFAULT_NODE_SIZE.width : 0), y: p.y - 24 }, ...link });
    },
    [flow],
  );
  // Keyboard "/": the box opens beside the selected card (else mid-canvas) and adds after the selection.
  const keyboard = useMemo<GraphKeyboardHandlers>(
    () => ({
      openQuickAdd: (anchor) => {
        const area = document.querySelector('[data-testid="canvas-area"]')?.getBoundingClientRect();
        const node = anchor ? flow.getInternalNode(anchor) : undefined;
        const screen = node
          ? flow.flowToScreenPosition({
              x: node.internals.positionAbsolute.x + (node.measured.width ?? DEFAULT_NODE_SIZE.width) + 16,
              y: node.internals.positionAbsolute.y,
            })
          : { x: (area?.left ?? 0) + (area?.width ?? window.innerWidth) / 2 - 120, y: (area?.top ?? 0) + 40 };
        const p = flow.screenToFlowPosition(screen);
        setQuickAdd({ screen, flow: { x: p.x, y: p.y }, source: anchor ?? undefined, next: true });
      },
    }),
    [flow],
  );
  useGraphKeyboard(api, keyboard);

  const onConnectEndOnPane = useCallback(
    (e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // A connection dropped on empty canvas: offer the layers to add there, connected.
      if (state.toNode || !state.fromNode || !(e.target as Element | null)?.classList?.contains('react-flow__pane')) return;
      const point = 'changedTouches' in e ? e.changedTouches[0] : e;
      const fromSource = state.fromHandle?.type !== 'target';
      openQuickAdd({ x: point.clientX, y: point.clientY }, fromSource ? { source: state.fromNode.id } : { target: state.fromNode.id });
    },
    [openQuickAdd],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = e.dataTransfer.types.includes('Files') ? 'copy' : 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      if (e.dataTransfer.files?.length) {
        // A graph .json opens; a model (file, files or folder) goes to the model import.
        dropFiles(api, e.dataTransfer);
        return;
      }
      const type = e.dataTransfer.getData(NODE_DRAG_MIME);
      if (!(NODE_TYPES as readonly string[]).includes(type)) return;
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // Drop the card centred under the pointer, as it was held.
      api.getState().addNode(type as NodeType, { x: p.x - DEFAULT_NODE_SIZE.width / 2, y: p.y - 24 });
    },
    [api, flow],
  );

  return (
    <div
      className="absolute inset-0"
      onDragOver={onDragOver}
      onDrop={onDrop}
      onDoubleClick={(e) => {
        if ((e.target as Element).classList.contains('react-flow__pane')) openQuickAdd({ x: e.clientX, y: e.clientY });
      }}
    >
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={(e, state) => {
          onConnectEnd(e, state);
          onConnectEndOnPane(e, state);
        }}
        isValidConnection={isValidConnection}
        defaultViewport={initialViewport.current ?? undefined}
        onMove={minimap.check}
        onMoveEnd={(_e, viewport) => api.getState().setViewport(viewport)}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        zoomOnDoubleClick={false}
        minZoom={0.1}
        maxZoom={2}
        connectionRadius={28}
        proOptions={{ hideAttribution: true }}
        aria-label="Model canvas: drag layers here from the palette"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <Controls
          showInteractive={false}
          showFitView={false}
          position="bottom-right"
          orientation="horizontal"
          style={{ marginBottom: CORNER.height - 52 }}
          aria-label="Zoom controls"
        >
          <ControlButton
            onClick={() => fit({ duration: 200 })}
            title="Fit the graph into view at a readable size (.)"
            aria-label="Fit view"
            data-testid="fit-view"
          >
            <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden>
              <path d="M4 9V5a1 1 0 0 1 1-1h4M15 4h4a1 1 0 0 1 1 1v4M20 15v4a1 1 0 0 1-1 1h-4M9 20H5a1 1 0 0 1-1-1v-4" />
            </svg>
          </ControlButton>
        </Controls>
        {!minimap.hidden && <MiniMap<LayerFlowNode>
          position="bottom-right"
          pannable
          zoomable
          nodeColor={minimapColor}
          nodeStrokeWidth={0}
          nodeBorderRadius={6}
          maskColor="rgba(241, 245, 249, 0.7)"
          ariaLabel="Minimap"
          style={{ width: 168, height: 104 }}
          className="!rounded-md !border !border-slate-200 !shadow-sm"
        />}
      </ReactFlow>
      <EmptyHint />
      {quickAdd && (
        <QuickAdd
          request={quickAdd}
          onClose={() => {
            setQuickAdd(null);
            if (quickAdd.next && quickAdd.source) focusNode(quickAdd.source);
          }}
          onPick={(type) => {
            const s = api.getState();
            const id = quickAdd.next ? s.addNodeNext(type, quickAdd.flow) : s.addNode(type, quickAdd.flow, { source: quickAdd.source, target: quickAdd.target });
            setQuickAdd(null);
            if (quickAdd.next && id) {
              // Keyboard users carry on from the new card: "/" again adds the next layer after it.
              requestAnimationFrame(() => reveal(id));
              focusNode(id);
            }
          }}
        />
      )}
    </div>
  );
}
