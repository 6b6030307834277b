// Who may talk to the emulator. It binds 127.0.0.1, but loopback peers alone are not enough
// against a web page in a local browser: through DNS rebinding its requests arrive from 127.0.0.1
// with a foreign Host, and a cross-site fetch carries an Origin.

/** Is this socket address a loopback one (IPv4 127/8, IPv6 ::1, IPv4-mapped 127/8)? */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * Does the Host header name this machine's loopback (127.0.0.1, localhost, [::1], any port)? A page
 * that rebinds its own name to 127.0.0.1 sends its own name: refused, on the AWS API path too (its
 * requests could otherwise be signed with the fixed keys of the demo scenario).
 */
export function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

/**
 * May a request reach the control API? Only with a loopback Host and no Origin: scripts and tests
 * (Node's fetch) send no Origin, a page in a browser always does for a cross-site request.
 */
export function isTrustedControlRequest(host: string | undefined, origin: string | undefined): boolean {
  return origin === undefined && isLoopbackHost(host);
}
