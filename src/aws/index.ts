// Entry of the lazily loaded AWS layer bundle (dist/aws.js). Never imports `vscode`.
export const AWS_LAYER_VERSION = 1;
