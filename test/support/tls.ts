/**
 * A self-signed certificate for 127.0.0.1 and localhost, for tests only (its key is public on
 * purpose, in `test/support/tls/`): the emulator's HTTPS listener presents it, and processes
 * that call that listener trust it through `NODE_EXTRA_CA_CERTS` — TLS verification stays on.
 * Made with `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
 * -days 36500 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"`.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** Path of the test certificate (PEM): the value for `NODE_EXTRA_CA_CERTS`. */
export const TEST_TLS_CERT_PATH = path.join(__dirname, "tls", "cert.pem");

/** Path of the test certificate's private key (PEM). */
export const TEST_TLS_KEY_PATH = path.join(__dirname, "tls", "key.pem");

/** The certificate and key, as `startEmulator({ tls })` takes them. */
export function testTls(): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(TEST_TLS_CERT_PATH), key: readFileSync(TEST_TLS_KEY_PATH) };
}
