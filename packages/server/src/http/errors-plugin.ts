import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors';

const PART_NAMES: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = String(request.id);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = error.validationContext ?? 'body';
      const fields = error.validation.map((v) => ({
        path: [part, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const first = fields[0];
      return reply.status(400).send({
        code: 'validation_failed',
        message: `${PART_NAMES[part] ?? part}校验失败${first ? `：${first.path} ${first.message}` : ''}`,
        requestId,
        fields,
      });
    }
    if (error instanceof AppError) {
      return reply.status(error.status).send({ code: error.code, message: error.message, requestId, fields: error.fields });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send({ code: 'internal', message: '服务器内部错误', requestId });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large, wrong content type): keep the status, speak Chinese.
      return reply.status(status).send({ code: error.code ?? 'bad_request', message: clientErrorMessage(error), requestId });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试', requestId });
  });
}

function clientErrorMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return '请求体不是有效的 JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return '请求体过大';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return '不支持的请求内容类型';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return '请求长度无效';
    default:
      return error.statusCode === 413 ? '上传内容过大' : '请求无效';
  }
}
