import 'express';

declare module 'http' {
  interface IncomingMessage {
    /** Set by the request edge (request-edge.ts) before anything else runs. */
    id?: string | number | object;
  }
}
