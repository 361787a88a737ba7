/** Errors the services throw; one handler turns them into the shared JSON shape with a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
  }
}
export class BadRequestError extends AppError {
  constructor(message: string, fields?: { path: string; message: string }[]) {
    super(400, 'bad_request', message, fields);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = '请先登录') {
    super(401, 'unauthorized', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = '没有执行此操作的权限') {
    super(403, 'forbidden', message);
  }
}
/** Also the answer for objects outside the caller's scope, so their existence does not leak. */
export class NotFoundError extends AppError {
  constructor(message = '对象不存在或不在您的管理范围内') {
    super(404, 'not_found', message);
  }
}
export class ConflictError extends AppError {
  constructor(message = '数据已被他人修改，请刷新后重试') {
    super(409, 'conflict', message);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(429, 'too_many_requests', message);
  }
}
