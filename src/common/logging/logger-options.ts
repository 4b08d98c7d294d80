import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import type { AppConfig } from '../../config/app-config';

interface RoutedRequest extends IncomingMessage {
  route?: { path?: string };
  originalUrl?: string;
  user?: { id?: string };
}

/** Headers, bodies and query strings are never logged, so no secret or token can leak through them. */
const REDACTED_PATHS = [
  'req.headers',
  'res.headers',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.authorization',
];

const LOGGED = Symbol('strata:request-logged');

/**
 * NestJS mounts the request logger twice on the routes served outside the /api prefix (health,
 * metrics): the first mount claims the request, so each request still gives exactly one line.
 */
function alreadyLogged(req: IncomingMessage & { [LOGGED]?: boolean }): boolean {
  if (req[LOGGED]) {
    return true;
  }
  req[LOGGED] = true;
  return false;
}

function serializeError(error: { name?: string; message: string }): { type?: string; message: string } {
  return { type: error.name, message: error.message };
}

/** Read when the response is finished, once the router and the auth guard have run. */
function requestFacts(req: RoutedRequest): { route?: string; userId?: string } {
  return { route: req.route?.path, userId: req.user?.id };
}

/** One JSON line per request: method, route template, status, duration, request id and user id. */
export function buildLoggerOptions(config: AppConfig): Params {
  const pretty = config.nodeEnv === 'development' && process.stdout.isTTY;
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req) => req.id,
      autoLogging: { ignore: alreadyLogged },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // pino-http's default wrappers copy every request header and the whole response into new
      // objects on each request, only for these serializers to keep three fields: they read the raw
      // request and response instead. Failures keep the standard wrapper (rare, and its shape).
      wrapSerializers: false,
      serializers: {
        req: (req: RoutedRequest) => ({
          id: req.id,
          method: req.method,
          path: (req.originalUrl ?? req.url ?? '').split('?')[0],
        }),
        res: (res: ServerResponse) => ({ statusCode: res.headersSent ? res.statusCode : null }),
        err: serializeError,
        failure: stdSerializers.wrapErrorSerializer(serializeError),
      },
      customSuccessObject: (req: RoutedRequest, _res: ServerResponse, value: object) => ({
        ...value,
        ...requestFacts(req),
      }),
      customErrorObject: (req: RoutedRequest, _res: ServerResponse, _error: Error, value: object) => ({
        ...value,
        ...requestFacts(req),
      }),
      customLogLevel: (_req, res, error) => {
        if (error || res.statusCode >= 500) {
          return 'error';
        }
        return res.statusCode >= 400 ? 'warn' : 'info';
      },
      customSuccessMessage: (req, res) => `${req.method} ${res.statusCode}`,
      customErrorMessage: (req, res) => `${req.method} ${res.statusCode}`,
      // The exception filter logs failures itself, without stack traces or queries.
      customAttributeKeys: { reqId: 'requestId', err: 'failure', responseTime: 'durationMs' },
      quietReqLogger: true,
      transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  };
}
