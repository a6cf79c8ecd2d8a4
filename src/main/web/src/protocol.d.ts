/** Types of the parts of frontend-protocol/src (JavaScript) that the UI uses. */
declare module '@centrik/protocol' {
  export type Status = 'connecting' | 'live' | 'reconnecting' | 'closed';

  export interface ProtocolError extends Error {
    code: string;
    detail: string;
    retryable: boolean;
    body?: Record<string, unknown>;
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
    call<T = unknown>(route: string, data?: unknown): Promise<T>;
    requestStream<T = unknown>(route: string, data?: unknown, onNext?: (element: T) => void): Promise<T[]>;
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
    myEvents(): string;
    card(teacherId: number): string;
    library(userId: number): string;
    cardRead(teacherId: number): string;
    organisationTeachers(organisationId: number): string;
    yearEndPreview(networkId: number, schoolYear: number): string;
    yearEndRun(networkId: number, schoolYear: number): string;
    platformConfirm(networkId: number, schoolYear: number, organisationId: number): string;
    certificateRevoke(certificateId: number): string;
  };

  export interface CheckInRequest {
    clientId: string;
    code: string;
    scannedAt: string;
    sentAt?: string;
  }

  /** A check-in kept in storage until the server answers it. */
  export interface QueuedCheckIn {
    clientId: string;
    eventId: number;
    code: string;
    scannedAt: string;
  }

  export class CheckInQueue {
    constructor(options: {
      send: (eventId: number, request: CheckInRequest) => Promise<unknown>;
      storage?: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
      key?: string;
      onSettled?: (entry: QueuedCheckIn, outcome: { result?: unknown; error?: unknown }) => void;
      backoff?: { initialMs?: number; maxMs?: number };
      now?: () => Date;
    });
    checkIn(eventId: number, code: string, options?: { scannedAt?: Date | string; clientId?: string }): Promise<unknown>;
    pending(): QueuedCheckIn[];
    flush(): Promise<void>;
    stop(): void;
  }

  export function applyMessage<T>(entities: Map<number, T>, message: import('./lib/model').LiveMessage<any>): Map<number, T>;
}
