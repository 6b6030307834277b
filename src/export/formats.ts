// The two file formats of Export Sessions…, as plain functions of one record. No `vscode`, no
// library: the CSV quoting itself is csv-stringify's (writer.ts).
//
// CSV: one row per session, the API's member names as headers (NetworkAccessConfiguration's two
// members flattened), timestamps in ISO 8601 (UTC), absent members as empty cells. Profile and
// Region come first: the API answers for one profile and region, so a session does not say where
// it is, and an export of search results spans several.
//
// JSON: an array of the sessions as DescribeWorkspacesPoolSessions returns them (the SDK's objects,
// members named as in the API, absent ones left out), timestamps in ISO 8601, each with Profile and
// Region in front for the same reason.
import type { WorkspacesPoolSession } from '@aws-sdk/client-workspaces';
import type { SessionRecord } from './source';

export type ExportFormat = 'csv' | 'json';

export const CSV_COLUMNS = [
  'Profile',
  'Region',
  'PoolId',
  'SessionId',
  'UserId',
  'ConnectionState',
  'AuthenticationType',
  'StartTime',
  'ExpirationTime',
  'InstanceId',
  'EniId',
  'EniPrivateIpAddress',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A Date (or the string/number a caller may hold) as ISO 8601; '' when absent or not a time. */
function iso(value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** One CSV row, in CSV_COLUMNS order, every cell a string (csv-stringify quotes and neutralises). */
export function csvRow(record: SessionRecord): string[] {
  const s: WorkspacesPoolSession = record.session;
  return [
    record.profile,
    record.region,
    text(s.PoolId),
    text(s.SessionId),
    text(s.UserId),
    text(s.ConnectionState),
    text(s.AuthenticationType),
    iso(s.StartTime),
    iso(s.ExpirationTime),
    text(s.InstanceId),
    text(s.NetworkAccessConfiguration?.EniId),
    text(s.NetworkAccessConfiguration?.EniPrivateIpAddress),
  ];
}

/**
 * One JSON array element, on one line. JSON.stringify writes a Date as ISO 8601 (Date#toJSON) and
 * escapes every string, so an outside value (a user id with quotes, newlines, U+2028) stays one
 * string value.
 */
export function jsonElement(record: SessionRecord): string {
  return JSON.stringify({ Profile: record.profile, Region: record.region, ...record.session });
}
