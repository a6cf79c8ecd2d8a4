/** Types of the parts of frontend-protocol/src (JavaScript) that the UI uses. */
declare module '@centrik/protocol' {
  export type Status = 'connecting' | 'live' | 'reconnecting' | 'closed';

  export interface ProtocolError extends Error {
    code: string;
    detail: string;
    retryable: boolean;
  }

  export interface StreamOptions {
    since?: number;
    onMessage?: (message: import('./lib/model').LiveMessage<any>) => void;
    onStatus?: (status: Status, detail?: unknown) => void;
    onError?: (error: ProtocolError) => void;
  }

  export interface LiveSubscription {
    readonly lastSequence: number | null;
    readonly status: Status;
    cancel(): void;
  }

  export interface Client {
    subscribe(route: string, options?: StreamOptions): LiveSubscription;
    reconnect(): void;
    close(): void;
  }

  export function connect(options: {
    url: string;
    token?: string | (() => string | undefined | Promise<string | undefined>);
    connectTimeoutMs?: number;
    keepAliveMs?: number;
    lifetimeMs?: number;
    backoff?: { initialMs?: number; maxMs?: number };
  }): Promise<Client>;

  export const routes: {
    attendance(eventId: number): string;
    matrix(networkId: number, schoolYear: number): string;
    upcomingEvents(networkId: number): string;
    card(teacherId: number): string;
  };

  export function applyMessage<T>(entities: Map<number, T>, message: import('./lib/model').LiveMessage<any>): Map<number, T>;
}
