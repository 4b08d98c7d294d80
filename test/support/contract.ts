import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { ErrorCode } from '../../src/common/errors/error-code';
import { errorEnvelopeSchema } from '../../src/common/openapi/envelope-schemas';

const DOCUMENT_ID = 'openapi';
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

interface Route {
  template: string;
  pattern: RegExp;
  /** Literal segments win over `{params}`: `/users/me` is not `/users/{id}`. */
  params: number;
}

/** JSON Pointer escaping (RFC 6901), to point Ajv into the document. */
const pointer = (...segments: string[]) =>
  segments.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks real responses against the OpenAPI document the app under test serves: the status must
 * be listed for the operation, and a JSON body must match its schema (closed schemas reject extra
 * fields). Routes the document does not list must answer with the error envelope.
 */
export class ContractChecker {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, logger: false });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    addFormats(this.ajv);
    // Documentation-only formats: they describe input widgets, not a syntax to check.
    this.ajv.addFormat('password', true);
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template
            .split(/\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
            .join('[^/]+')}$`,
        ),
        params: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** Throws an error that names the request, the status and every mismatch. */
  check(method: string, url: string, res: Response): void {
    const path = new URL(url, 'http://localhost').pathname;
    if (!path.startsWith('/api/')) {
      return;
    }
    const verb = method.toLowerCase() === 'del' ? 'delete' : (method.toLowerCase() as Method);
    const where = `${verb.toUpperCase()} ${path} → ${res.status}`;
    const route = this.routes.find(
      (candidate) => candidate.pattern.test(path) && this.document.paths[candidate.template][verb],
    );
    if (!route) {
      this.checkBody(where, this.undocumentedRouteValidator(res.status), res);
      return;
    }
    const operation = this.document.paths[route.template][verb] as OperationObject;
    const status = String(res.status);
    const documented = operation.responses[status] ?? operation.responses[`${status[0]}XX`];
    if (!documented) {
      throw new Error(
        `Contract: ${where} is not documented for ${verb.toUpperCase()} ${route.template} ` +
          `(documented: ${Object.keys(operation.responses).join(', ')}). Body: ${JSON.stringify(res.body)}`,
      );
    }
    const key = operation.responses[status] ? status : `${status[0]}XX`;
    const schema = (documented as ResponseObject).content?.['application/json']?.schema;
    if (schema) {
      const ref = `${DOCUMENT_ID}#/${pointer('paths', route.template, verb, 'responses', key, 'content', 'application/json', 'schema')}`;
      this.checkBody(where, this.validator(ref), res);
    } else if (hasBody(res) && documentsAnyBody(operation)) {
      throw new Error(`Contract: ${where} has a body, but the document describes none: ${res.text}`);
    }
    // An operation that documents no body at all is a test-only or raw controller: only its status is checked.
  }

  private checkBody(where: string, validate: ValidateFunction, res: Response): void {
    if (!/^application\/json/.test(String(res.headers['content-type']))) {
      throw new Error(`Contract: ${where} should be JSON, got ${res.headers['content-type']}: ${res.text}`);
    }
    if (!validate(res.body)) {
      const problems = (validate.errors ?? []).map(
        (error) =>
          `${error.instancePath || '(body)'} ${error.message}${
            error.keyword === 'additionalProperties'
              ? `: ${(error.params as { additionalProperty: string }).additionalProperty}`
              : ''
          }`,
      );
      throw new Error(
        `Contract: ${where} does not match the document:\n  ${problems.join('\n  ')}\nBody: ${JSON.stringify(res.body)}`,
      );
    }
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  /** A route the document does not list (an unknown path or method) may only answer with an error. */
  private undocumentedRouteValidator(status: number): ValidateFunction {
    const key = `undocumented ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(
        status >= 400 ? errorEnvelopeSchema(status, Object.values(ErrorCode)) : { not: {} },
      );
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function hasBody(res: Response): boolean {
  return res.text !== undefined && res.text !== '';
}

function documentsAnyBody(operation: OperationObject): boolean {
  return Object.entries(operation.responses).some(
    ([status, response]) => status.startsWith('2') && (response as ResponseObject).content !== undefined,
  );
}
