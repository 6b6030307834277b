// An error the emulated service answers with: awsJson1_1 body `{"__type", "message", ...extra}`.
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }
}

export const invalidParameter = (message: string): ServiceError =>
  new ServiceError('InvalidParameterValuesException', message);

export const notFound = (resourceId: string, what = 'The specified resource'): ServiceError =>
  new ServiceError('ResourceNotFoundException', `${what} ${resourceId} could not be found.`, 400, { ResourceId: resourceId });
