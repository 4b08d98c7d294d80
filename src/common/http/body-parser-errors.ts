import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';

interface BodyParserError {
  type?: unknown;
  limit?: unknown;
}

/** Turns body-parser's errors into HTTP exceptions with messages fit for a client. */
export function toHttpException(error: unknown, bodyLimit: string): unknown {
  switch ((error as BodyParserError | null)?.type) {
    case 'entity.parse.failed':
      return new BadRequestException('Malformed JSON in request body');
    case 'entity.too.large':
      return new PayloadTooLargeException(`Request body exceeds the limit of ${bodyLimit}`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException('Unsupported request body encoding or charset');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new HttpException('Request body could not be read', 400);
    default:
      return error;
  }
}
