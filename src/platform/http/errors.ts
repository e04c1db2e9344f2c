/** The one error vocabulary: every failure a user can meet maps to one of these codes. */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Optional Persian detail shown under the standard title. */
    readonly detail?: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.status = errorStatus[code];
  }
}

export const notFound = (detail?: string) => new AppError('not_found', detail);
export const forbidden = (detail?: string) => new AppError('forbidden', detail);

/** Maps Fastify's own errors (body size, content type, rate limit, CSRF) onto the vocabulary. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_VALIDATION':
      return new AppError('bad_request');
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return new AppError('csrf');
    case 'FST_ERR_NOT_FOUND':
      return new AppError('not_found');
  }
  if (e?.statusCode === 429) return new AppError('rate_limited');
  if (e?.statusCode === 404) return new AppError('not_found');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('bad_request');
  return new AppError('internal');
}
