import http from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { OnApplicationShutdown } from '@nestjs/common';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { answerWithError } from '../common/filters/all-exceptions.filter';
import { pathOf } from '../common/http/request-facts';
import { closeServer } from '../lifecycle/graceful-shutdown';

/**
 * `/metrics` and `/health/*`, in any letter case and with or without a trailing slash, since the
 * router may match them so.
 */
const OPS_PATH = /^\/(?:metrics|health(?:\/.*)?)\/?$/i;

export function isOpsPath(path: string): boolean {
  return OPS_PATH.test(path);
}

/**
 * The internal listener of OPS_PORT: a second HTTP server on the same Express app (one metrics
 * registry, one readiness, one shutdown), told apart by the connections it accepted. With it, the
 * operational endpoints are answered there and nowhere else, and the API is not answered there.
 */
@Injectable()
export class OpsListener implements OnApplicationShutdown {
  private readonly sockets = new WeakSet<Socket>();
  private httpServer: Server | undefined;

  /** The server, answering with `handler` (the app's Express instance); listening is up to the caller. */
  attach(handler: RequestListener): Server {
    const server = http.createServer(handler);
    server.on('connection', (socket: Socket) => this.sockets.add(socket));
    this.httpServer = server;
    return server;
  }

  /** Undefined without OPS_PORT. */
  get server(): Server | undefined {
    return this.httpServer;
  }

  isOpsRequest(req: { socket: Socket }): boolean {
    return this.sockets.has(req.socket);
  }

  /** Operational paths only on the ops listener, every other path only on the public one: else 404. */
  gate(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const path = pathOf(req);
      if (isOpsPath(path) === this.isOpsRequest(req)) {
        next();
        return;
      }
      answerWithError(req, res, new NotFoundException(`Cannot ${req.method} ${path}`));
    };
  }

  listen(port: number, host: string): Promise<void> {
    const server = this.httpServer;
    if (!server) {
      return Promise.reject(new Error('The ops listener was not attached (OPS_PORT unset)'));
    }
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops accepting, lets in-flight scrapes and probes finish; a no-op when not listening. */
  async close(): Promise<void> {
    if (this.httpServer?.listening) {
      await closeServer(this.httpServer);
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
