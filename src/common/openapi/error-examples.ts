import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger';
import { STATUSES_WITH_DETAILS } from './envelope-schemas';

/** Sample values of an example: a resource id in the path, and the request id of the answer. */
export const SAMPLE_ID = '7d3f1c52-4b8e-4f0a-9c1d-2e6b5a8f9d04';
const SAMPLE_REQUEST_ID = '0b9c2d4e-8a1f-4c1e-9a55-3f0d2b7c6e11';
const SAMPLE_TIMESTAMP = '2026-01-01T00:00:00.000Z';

export interface ErrorExampleInput {
  status: number;
  code: string;
  /** What the error says: its class's message, or the generic one of its code. */
  message: string;
  pathTemplate: string;
  operation: OperationObject;
  document: OpenAPIObject;
}

/** The error envelope this operation would answer with, as Swagger UI shows it. */
export function errorExample(input: ErrorExampleInput): Record<string, unknown> {
  const { status, code } = input;
  const error: Record<string, unknown> = { code };
  if (STATUSES_WITH_DETAILS.has(status)) {
    error.details = [sampleDetail(input.operation, input.document)];
  }
  return {
    success: false,
    statusCode: status,
    message: input.message,
    error,
    path: samplePath(input.pathTemplate, input.operation),
    requestId: SAMPLE_REQUEST_ID,
    timestamp: SAMPLE_TIMESTAMP,
  };
}

const isParameter = (parameter: ParameterObject | ReferenceObject): parameter is ParameterObject =>
  !('$ref' in parameter);

/** `/api/v1/posts/{id}` → `/api/v1/posts/7d3f…`: a parameter's own example, else a sample id. */
export function samplePath(template: string, operation: OperationObject): string {
  const parameters = (operation.parameters ?? []).filter(isParameter);
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const schema = parameters.find((p) => p.in === 'path' && p.name === name)?.schema as
      SchemaObject | undefined;
    const example: unknown = schema?.example;
    return typeof example === 'string' || typeof example === 'number'
      ? encodeURIComponent(schema?.format === 'uuid' ? SAMPLE_ID : String(example))
      : SAMPLE_ID;
  });
}

/** One bad field the operation really takes: a path id, a required body field, or a query parameter. */
function sampleDetail(
  operation: OperationObject,
  document: OpenAPIObject,
): { field: string; message: string } {
  const parameters = (operation.parameters ?? []).filter(isParameter);
  const pathParameter = parameters.find((p) => p.in === 'path');
  if (pathParameter) {
    const format = (pathParameter.schema as SchemaObject | undefined)?.format;
    return {
      field: pathParameter.name,
      message:
        format === 'uuid' ? `${pathParameter.name} must be a UUID` : `${pathParameter.name} is invalid`,
    };
  }
  const bodyField = firstRequiredBodyField(operation, document);
  if (bodyField) {
    return { field: bodyField, message: `${bodyField} should not be empty` };
  }
  const queryParameter = parameters.find((p) => p.in === 'query');
  if (queryParameter) {
    const maximum = (queryParameter.schema as SchemaObject | undefined)?.maximum;
    return {
      field: queryParameter.name,
      message:
        maximum === undefined
          ? `${queryParameter.name} is invalid`
          : `${queryParameter.name} must not be greater than ${maximum}`,
    };
  }
  return { field: 'body', message: 'property unexpected should not exist' };
}

function firstRequiredBodyField(operation: OperationObject, document: OpenAPIObject): string | undefined {
  const body = operation.requestBody;
  if (!body || '$ref' in body) {
    return undefined;
  }
  let schema = body.content['application/json']?.schema;
  if (schema && '$ref' in schema) {
    schema = document.components?.schemas?.[schema.$ref.split('/').at(-1) ?? ''];
  }
  if (!schema || '$ref' in schema) {
    return undefined;
  }
  return schema.required?.[0] ?? Object.keys(schema.properties ?? {})[0];
}
