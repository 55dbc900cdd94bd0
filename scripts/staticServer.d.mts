/** Types of staticServer.mjs, for the TypeScript tests that start it. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export declare const SERVER_LIMITS: Readonly<{
  maxHeaderBytes: number;
  maxHeadersCount: number;
  maxUrlLength: number;
  maxBodyBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}>;
export declare const ISOLATION_HEADERS: Readonly<Record<string, string>>;
export declare function checkRequest(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): [number, string] | null;
export declare function convasHandler(dir: string): (req: IncomingMessage, res: ServerResponse) => void;
export declare function createConvasServer(dir: string, options?: { api?: (req: IncomingMessage, res: ServerResponse) => boolean }): Server;
