import type { NestMiddleware } from '@nestjs/common';
import { BadRequestException, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { json } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { toHttpException } from './body-parser-errors';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPES = ['application/json', 'application/*+json'];

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(req: Request): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Runs, after the request edge, for the paths Nest routes (`AppModule.configure`): responses are private by default
 * (a route may set its own Cache-Control), a body that is not JSON is refused with 415, and the
 * JSON body is parsed under the configured size limit and refused if it nests too deeply.
 *
 * Once per request: Nest mounts it a second time, for GET only, on the routes it serves outside the
 * global prefix (health, metrics, /docs/json), and a request there passes both mounts.
 */
@Injectable()
export class ApiRequestMiddleware implements NestMiddleware {
  private readonly parseJson: RequestHandler;
  /** The requests it has run for; an entry goes with its request. */
  private readonly handled = new WeakSet<Request>();

  constructor(private readonly config: AppConfig) {
    this.parseJson = json({ limit: config.bodyLimit, type: JSON_TYPES, strict: true });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (this.handled.has(req)) {
      next();
      return;
    }
    this.handled.add(req);
    res.setHeader('Cache-Control', 'no-store');
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      // No body at all (every GET): body-parser would pass too, so it is not even entered.
      next();
      return;
    }
    if (BODY_METHODS.has(req.method) && hasBody(req) && !isJson(req)) {
      next(new UnsupportedMediaTypeException('Request body must be application/json'));
      return;
    }
    void this.parseJson(req, res, (error?: unknown) => {
      if (error !== undefined) {
        next(toHttpException(error, this.config.bodyLimit));
      } else if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) {
        next(new BadRequestException(`Request body nests deeper than ${MAX_JSON_DEPTH} levels`));
      } else {
        next();
      }
    });
  }
}
