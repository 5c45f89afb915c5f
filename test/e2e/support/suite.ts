/**
 * The jest wiring every end-to-end file shares: one emulator per file (reset before each
 * scenario), stacks made on demand and removed at the end.
 */
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { SECRET_CONFIG, adoptConfig, current } from "./fixture";
import { E2eStack } from "./stack";

/** What a scenario uses. */
export interface E2eSuite {
  /** The emulator of this file. */
  emu(): RunningEmulator;
  /** A new stack of `programs/<program>` with `config` and the credential secrets. */
  stackOf(program: string, config: Record<string, unknown>): Promise<E2eStack>;
  /** A stack of the `adopt` program that has adopted the seeded instance (`pulumi up` done). */
  adoptedStack(): Promise<E2eStack>;
}

/** Registers the hooks and returns the suite's helpers. */
export function e2eSuite(): E2eSuite {
  let emu: RunningEmulator | undefined;
  const stacks: E2eStack[] = [];
  const emulator = (): RunningEmulator => {
    if (!emu) throw new Error("the emulator is not started");
    return emu;
  };
  const stackOf = async (program: string, config: Record<string, unknown>): Promise<E2eStack> => {
    const stack = await E2eStack.create(program, config, SECRET_CONFIG);
    stacks.push(stack);
    return stack;
  };

  jest.setTimeout(240_000);
  beforeAll(async () => {
    emu = await startEmulator();
  });
  beforeEach(() => {
    emulator().control.reset();
    emulator().control.resetStats();
  });
  afterAll(async () => {
    for (const s of stacks) s.cleanup();
    await emu?.close();
  });

  return {
    emu: emulator,
    stackOf,
    async adoptedStack() {
      const stack = await stackOf("adopt", adoptConfig(emulator(), current(emulator())));
      await stack.up();
      return stack;
    },
  };
}
