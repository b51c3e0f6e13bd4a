// Browser mode answers only requests addressed to the loopback address it listens on. A page on
// another site can point its own host name at 127.0.0.1 (DNS rebinding) and then talk to us as
// "same origin"; its requests still carry that foreign name in `Host`, so they are refused here
// whatever token they guess.

/** The `Host` values this server answers on `port`: the loopback names, nothing else. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** True when `host` (the request's `Host` header) names this server's loopback address. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return loopbackHosts(port).includes(host.toLowerCase());
}

/** True when `origin` is absent (not a browser's cross-site call) or is exactly `http://<host>`. */
export function isSameOrigin(origin: string | undefined, host: string): boolean {
  return origin === undefined || origin === `http://${host.toLowerCase()}`;
}
