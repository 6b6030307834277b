// The subset of a botocore shape the emulator needs to validate input and check output.
export interface ModelShape {
  type: 'structure' | 'list' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'map';
  required?: string[];
  members?: Record<string, string>;
  member?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  exception?: boolean;
}
