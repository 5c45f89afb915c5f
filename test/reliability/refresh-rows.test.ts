/**
 * The fault matrix's refresh rows, in `npm test`: every fault × `pulumi refresh` with the real
 * CLI against the emulator. These are the never-drop cases — a refresh under any fault keeps
 * every instance in state unless the service confirmed it gone — so they run on every change;
 * the update and adopt rows run with the whole matrix in `npm run test:reliability`.
 */
import { registerMatrix } from "./support/matrix-suite";

registerMatrix(["refresh"]);
