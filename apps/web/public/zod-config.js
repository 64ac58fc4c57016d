// Runs before the application's modules: the server's Content-Security-Policy forbids eval, so Zod
// must not compile its parsers (nor probe whether it may; the probe alone is reported as a violation).
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
