import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createDocument, parseDocument, serializeDocument } from '@/graph/document';
import { remapIds } from '@/graph/ids';
import type { IssueFix } from '@/graph/issues';
import { keepLockedSettings, lockViolation } from '@/graph/lessonLocks';
import type { GraphDocument, NodeType, ParamValue, TaskRef, TrainingSettings } from '@/graph/types';
import type { StateCreator } from 'zustand/vanilla';
import {
  addNodeAfter,
  addNodeAt,
  applyFixTo,
  arrangePositions,
  blockEnds,
  chainAnchor,
  checkConnection,
  connectNodes,
  EMPTY_HISTORY,
  fitViewParts,
  fragmentOf,
  moveNodes,
  record,
  removeItems,
  renameNode,
  retask,
  setNodeFrozen,
  setNodeParam,
  stepBack,
  stepForward,
  type ConnectionCheck,
  type FitView,
  type History,
} from '@/graph/edit';
import type { AppState } from './types';
import { selectedIds, syncEdges, syncNodes, type LayerFlowNode, type ShapeFlowEdge } from './view';

/** How far each successive paste of the same clipboard moves, so copies do not hide each other (px). */
const PASTE_STEP = 40;

/** Edits of the same field closer together than this join one undo step (ms). */
export const COALESCE_MS = 1000;

/** The graph document, its React Flow view, undo history and clipboard, and the verbs that edit them. */
export interface GraphSlice {
  /** The source of truth: what autosave, files, links and the compiler read. Replaced, never mutated. */
  doc: GraphDocument;
  /** React Flow's view of `doc.nodes`, with selection and measured sizes. */
  nodes: LayerFlowNode[];
  /** React Flow's view of `doc.edges`, with selection. */
  edges: ShapeFlowEdge[];
  history: History;
  /** The document when the current drag began; the whole drag becomes one undo step when it ends. */
  dragOrigin: GraphDocument | null;
  /** Text of the last copy: the paste fallback when the system clipboard cannot be read. */
  clipboard: string | null;
  /** How many times the current clipboard was pasted (each paste lands a step further). */
  pasteCount: number;
  /** Bumped when a whole new graph is loaded, so the canvas fits it into view. */
  fitRequest: number;

  onNodesChange(changes: NodeChange<LayerFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<ShapeFlowEdge>[]): void;
  /** Whether `source -> target` may be connected, with the reason when not. Changes nothing. */
  checkConnection(source: string, target: string): ConnectionCheck;
  /** Connect two nodes; a refused connection shows its reason as a toast. Returns whether it was added. */
  connect(source: string, target: string): boolean;
  /**
   * Add a node at a flow position (top-left), select it and return its id. `link` also connects it, in the
   * same undo step: from `link.source` into the new node, or from the new node into `link.target` (a
   * connection dropped on empty canvas, then a layer picked). A refused link is reported, the node stays.
   */
  addNode(type: NodeType, position: { x: number; y: number }, link?: { source?: string; target?: string }): string;
  /**
   * Add a node after the single selected node and connect it (spliced into a chain, see edits.addNodeAfter).
   * With nothing selected it continues the graph's one open end (a node whose output goes nowhere, such as
   * the Input of an empty graph), else it goes on the path into the Output where it adds no error (before
   * the Output, or after the last node that accepts it); only a graph with no such path uses `fallback`.
   * Selects and returns the new node.
   */
  addNodeNext(type: NodeType, fallback: { x: number; y: number }): string;
  setParam(nodeId: string, key: string, value: ParamValue): void;
  /** Freeze a node's weights during training (true) or train them again (false); one undo step. */
  setFrozen(nodeId: string, frozen: boolean): void;
  /** Rename a node; a taken or empty name is refused with a toast. Returns whether it changed. */
  renameNode(nodeId: string, name: string): boolean;
  deleteSelection(): void;
  duplicateSelection(): void;
  /** The selected nodes (and edges among them) as document text, kept as the internal clipboard. Null if none. */
  copySelection(): string | null;
  /**
   * Paste document text (from the system clipboard, or the internal one when omitted) as new nodes with
   * fresh ids, selected. `at` places the pasted group's top-left corner. Bad text leaves the graph as it is
   * and shows why. Returns whether anything was pasted.
   */
  paste(text?: string | null, at?: { x: number; y: number }): boolean;
  undo(): void;
  redo(): void;
  /**
   * Replace the whole document (open file, link, template) as one undo step; the view fits the new graph.
   * In a lesson, the training settings it locks stay as they are. Returns true when the document is in
   * place, false when the open lesson's locks refuse it (a toast says why, and nothing changes).
   */
  loadDocument(doc: GraphDocument): boolean;
  /**
   * Lay the graph out left to right (dagre), as one undo step, and fit it into view. `aspect` is the view's
   * width / height: long chains then fold into bands that fit it (see arrange.ts).
   */
  arrange(view?: FitView): void;
  /** Select exactly these nodes (and edges). */
  select(nodeIds: readonly string[], edgeIds?: readonly string[]): void;
  selectAll(): void;
  /** Set the document's title (shown in the header, used as the file name). Undoable. */
  setDocumentName(name: string): void;
  /** Apply a one-click fix from an issue (graph/issues.ts) and select the node it made or changed. */
  applyFix(nodeId: string | null, fix: IssueFix): void;
  /** Switch the task: the Input takes its image size and channels, the Output head its kind. Undoable. */
  setTask(task: TaskRef): void;
  /** Merge training settings into the document (the training panel's verb). Undoable. */
  setTraining(patch: Partial<TrainingSettings>): void;
  /**
   * Replace the document with `doc` (the result of a graph/ edit) as one undo step, through the same commit
   * point as every other verb: the open lesson's locks are checked first. `selection` selects those node
   * ids afterwards. Returns whether the document changed (false: refused, or `doc` is the current one).
   */
  commit(doc: GraphDocument, selection?: readonly string[]): boolean;
}

export const createGraphSlice =
  (initial: GraphDocument): StateCreator<AppState, [], [], GraphSlice> =>
  (set, get) => {
    // Edits of one field in quick succession (typing "128" into Filters) make one undo step, not three.
    let burst: { key: string; at: number } | null = null;

    /**
     * Whether the open lesson lets the document become `doc` (graph/lessonLocks.ts, the one rule for every
     * change); a refusal says why in a toast.
     */
    const allowed = (doc: GraphDocument): boolean => {
      const s = get();
      const violation = lockViolation(s.lesson, s.doc, doc);
      if (violation) s.notify(violation.reason, 'info');
      return violation === null;
    };

    /**
     * The commit point: apply a new document as one undo step, if the lesson's locks allow it. `coalesce`
     * names the field being edited: further edits with the same key within COALESCE_MS join the same undo
     * step. Returns whether the document changed.
     */
    const commit = (
      doc: GraphDocument,
      selection?: readonly string[],
      edgeSelection?: readonly string[],
      coalesce?: string,
    ): boolean => {
      const s = get();
      if (doc === s.doc || !allowed(doc)) return false;
      const now = Date.now();
      const joins = coalesce !== undefined && burst?.key === coalesce && now - burst.at < COALESCE_MS;
      burst = coalesce !== undefined ? { key: coalesce, at: now } : null;
      const nodeSel = selection ? new Set(selection) : undefined;
      const edgeSel = selection ? new Set(edgeSelection ?? []) : undefined;
      set({
        doc,
        history: joins ? s.history : record(s.history, s.doc),
        nodes: syncNodes(doc, s.nodes, nodeSel),
        edges: syncEdges(doc, s.edges, edgeSel),
      });
      return true;
    };

    /** Undo and redo: back to a document of the history, if the lesson's locks allow it. */
    const step = (to: { doc: GraphDocument; history: History } | null) => {
      const s = get();
      if (!to || !allowed(to.doc)) return;
      burst = null;
      set({ doc: to.doc, history: to.history, nodes: syncNodes(to.doc, s.nodes), edges: syncEdges(to.doc, s.edges), dragOrigin: null });
    };

    const selectedNodeIds = () => selectedIds(get().nodes);

    return {
      doc: initial,
      nodes: syncNodes(initial, []),
      edges: syncEdges(initial, []),
      history: EMPTY_HISTORY,
      dragOrigin: null,
      clipboard: null,
      pasteCount: 0,
      fitRequest: 0,

      onNodesChange(changes) {
        const s = get();
        const viewNodes = applyNodeChanges(changes, s.nodes);
        const moved = new Map<string, { x: number; y: number }>();
        let dragStart = false;
        let dragEnd = false;
        const removed: string[] = [];
        for (const c of changes) {
          if (c.type === 'position') {
            if (c.position) moved.set(c.id, c.position);
            if (c.dragging === true && s.dragOrigin === null) dragStart = true;
            if (c.dragging === false && s.dragOrigin !== null) dragEnd = true;
          } else if (c.type === 'remove') {
            removed.push(c.id);
          }
        }
        if (removed.length > 0) {
          commit(removeItems(s.doc, removed));
          return;
        }
        let doc = moveNodes(s.doc, moved);
        // Moves only change positions, which no lock covers; checked all the same, as every change is.
        if (!allowed(doc)) return;
        const dragOrigin = dragStart ? s.doc : s.dragOrigin;
        if (dragEnd) {
          // Whole pixels in saved files; the drag is recorded once, now that it is over.
          const rounded = new Map(
            doc.nodes.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]),
          );
          doc = moveNodes(doc, rounded);
        }
        const patch: Partial<AppState> = { nodes: doc === s.doc ? viewNodes : syncNodes(doc, viewNodes), doc };
        if (dragStart) patch.dragOrigin = dragOrigin;
        if (dragEnd) {
          patch.dragOrigin = null;
          if (dragOrigin && doc !== dragOrigin) patch.history = record(s.history, dragOrigin);
        } else if (!dragStart && s.dragOrigin === null && doc !== s.doc) {
          // A move outside a drag (arrow keys): one undo step per move.
          patch.history = record(s.history, s.doc);
        }
        set(patch);
      },

      onEdgesChange(changes) {
        const s = get();
        const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
        if (removed.length > 0) {
          commit(removeItems(s.doc, [], removed));
          return;
        }
        set({ edges: applyEdgeChanges(changes, s.edges) });
      },

      checkConnection(source, target) {
        return checkConnection(get().doc, source, target);
      },

      connect(source, target) {
        const result = connectNodes(get().doc, source, target);
        if (!result.check.ok) {
          // In a lesson with a fixed structure the lock is the answer to any connection, possible or not.
          const attempt = { ...get().doc, edges: [...get().doc.edges, { id: '', source, target }] };
          if (!allowed(attempt)) return false;
          get().notify(result.check.reason, 'error');
          return false;
        }
        return commit(result.doc);
      },

      addNode(type, position, link) {
        const added = addNodeAt(get().doc, type, position);
        let doc = added.doc;
        const id = added.id;
        if (link?.source || link?.target) {
          const r = link.source ? connectNodes(doc, link.source, id) : connectNodes(doc, id, link.target as string);
          if (r.check.ok) doc = r.doc;
          else get().notify(r.check.reason, 'error');
        }
        return commit(doc, [id]) ? id : '';
      },

      addNodeNext(type, fallback) {
        const anchor = chainAnchor(get().doc, selectedNodeIds(), type);
        const { doc, id } = anchor ? addNodeAfter(get().doc, anchor, type) : addNodeAt(get().doc, type, fallback);
        return commit(doc, [id]) ? id : '';
      },

      setParam(nodeId, key, value) {
        const s = get();
        const node = s.doc.nodes.find((n) => n.id === nodeId);
        if (!node || node.params[key] === value) return;
        commit(setNodeParam(s.doc, nodeId, key, value), undefined, undefined, `param:${nodeId}:${key}`);
      },

      setFrozen(nodeId, frozen) {
        const node = get().doc.nodes.find((n) => n.id === nodeId);
        if (!node || (node.frozen === true) === frozen) return;
        commit(setNodeFrozen(get().doc, nodeId, frozen));
      },

      renameNode(nodeId, name) {
        const s = get();
        const node = s.doc.nodes.find((n) => n.id === nodeId);
        if (!node || node.name === name.trim()) return false;
        const result = renameNode(s.doc, nodeId, name);
        if ('error' in result) {
          s.notify(result.error, 'error');
          return false;
        }
        return commit(result.doc);
      },

      deleteSelection() {
        const s = get();
        commit(removeItems(s.doc, selectedNodeIds(), selectedIds(s.edges)), []);
      },

      duplicateSelection() {
        const s = get();
        const ids = selectedNodeIds();
        if (ids.length === 0) return;
        const pasted = remapIds(fragmentOf(s.doc, ids), s.doc);
        const shifted = pasted.graph.nodes.map((n) => ({
          ...n,
          position: { x: n.position.x + PASTE_STEP, y: n.position.y + PASTE_STEP },
        }));
        commit(
          { ...s.doc, nodes: [...s.doc.nodes, ...shifted], edges: [...s.doc.edges, ...pasted.graph.edges] },
          shifted.map((n) => n.id),
          pasted.graph.edges.map((e) => e.id),
        );
      },

      copySelection() {
        const s = get();
        const ids = selectedNodeIds();
        if (ids.length === 0) return null;
        const fragment = fragmentOf(s.doc, ids);
        const text = serializeDocument(createDocument(fragment, s.doc.task, s.doc.training, s.doc.name));
        set({ clipboard: text, pasteCount: 0 });
        return text;
      },

      paste(text, at) {
        const s = get();
        const source = text ?? s.clipboard;
        if (!source) return false;
        const parsed = parseDocument(source);
        if (!parsed.ok) {
          s.notify(`Nothing pasted: ${parsed.error}`, 'error');
          return false;
        }
        if (parsed.doc.nodes.length === 0) return false;
        const pasted = remapIds(parsed.doc, s.doc);
        const minX = Math.min(...pasted.graph.nodes.map((n) => n.position.x));
        const minY = Math.min(...pasted.graph.nodes.map((n) => n.position.y));
        const count = source === s.clipboard ? s.pasteCount + 1 : 1;
        const dx = at ? at.x - minX : PASTE_STEP * count;
        const dy = at ? at.y - minY : PASTE_STEP * count;
        const nodes = pasted.graph.nodes.map((n) => ({
          ...n,
          position: { x: Math.round(n.position.x + dx), y: Math.round(n.position.y + dy) },
        }));
        const done = commit(
          { ...s.doc, nodes: [...s.doc.nodes, ...nodes], edges: [...s.doc.edges, ...pasted.graph.edges] },
          nodes.map((n) => n.id),
          pasted.graph.edges.map((e) => e.id),
        );
        if (!done) return false;
        set({ pasteCount: count, clipboard: source });
        return true;
      },

      undo() {
        step(stepBack(get().history, get().doc));
      },

      redo() {
        step(stepForward(get().history, get().doc));
      },

      loadDocument(incoming) {
        // In a lesson, the graph opens with the lesson's fixed training settings; the commit checks the rest.
        const doc = keepLockedSettings(get().lesson, get().doc, incoming);
        if (doc !== get().doc && !commit(doc, [])) return false;
        // A template's note describes the template: another graph (file, link, lesson) takes it away.
        set({ fitRequest: get().fitRequest + 1, templateNote: null });
        return true;
      },

      arrange(view) {
        const s = get();
        const sizes = new Map<string, { width: number; height: number }>();
        for (const n of s.nodes) if (n.measured?.width && n.measured?.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
        commit(moveNodes(s.doc, arrangePositions(s.doc, { sizes, ...fitViewParts(view), blockEnds: blockEnds(s.doc), task: s.doc.task })));
        set({ fitRequest: get().fitRequest + 1 });
      },

      select(nodeIds, edgeIds = []) {
        const s = get();
        set({ nodes: syncNodes(s.doc, s.nodes, new Set(nodeIds)), edges: syncEdges(s.doc, s.edges, new Set(edgeIds)) });
      },

      selectAll() {
        const s = get();
        get().select(s.doc.nodes.map((n) => n.id), s.doc.edges.map((e) => e.id));
      },

      setDocumentName(name) {
        const s = get();
        const trimmed = name.trim().slice(0, 200);
        if ((s.doc.name ?? '') === trimmed) return;
        const { name: _old, ...rest } = s.doc;
        commit(trimmed === '' ? rest : { ...rest, name: trimmed }, undefined, undefined, 'doc-name');
      },

      applyFix(nodeId, fix) {
        const { doc, select } = applyFixTo(get().doc, nodeId, fix);
        commit(doc, select);
      },

      setTask(task) {
        const s = get();
        if (s.doc.task.id === task.id && s.doc.task.maskMode === task.maskMode) return;
        commit(retask(s.doc, task));
      },

      setTraining(patch) {
        const s = get();
        commit({ ...s.doc, training: { ...s.doc.training, ...patch } });
      },

      commit(doc, selection) {
        return commit(doc, selection);
      },
    };
  };
