import * as v from 'valibot';
import { callSchemas, channelOf, type CallInput, type CallName, type CallResult } from '../shared/ipc/contract';
import { errorMessage, fail, ok, type Result } from '../shared/result';

/** The part of an IPC invoke event the helper reads. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain the helper needs (real ipcMain in the app, a recorder in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

/** One handler per call of the contract. */
export type Handlers = {
  [K in CallName]: (input: CallInput<K>, event: InvokeEventLike) => Promise<CallResult<K>>;
};

/** Options for {@link registerHandlers}. */
export interface RegisterOptions {
  /** True when the frame's URL is the app's own document. */
  isTrustedSender: (url: string | undefined) => boolean;
  /** Where rejected calls are reported (main's log). */
  onRejected?: (call: CallName, reason: string) => void;
}

/**
 * Registers every handler of the contract. Each call first checks the sender frame, then
 * validates the payload with its schema; failures and thrown errors come back as `Result` values.
 */
export function registerHandlers(ipcMain: IpcMainLike, handlers: Handlers, options: RegisterOptions): void {
  for (const name of Object.keys(callSchemas) as CallName[]) {
    ipcMain.handle(channelOf(name), async (event, ...args) => runCall(name, handlers, options, event, args));
  }
}

async function runCall<K extends CallName>(
  name: K,
  handlers: Handlers,
  options: RegisterOptions,
  event: InvokeEventLike,
  args: unknown[],
): Promise<Result<CallResult<K>>> {
  if (!options.isTrustedSender(event.senderFrame?.url)) {
    options.onRejected?.(name, `untrusted sender ${event.senderFrame?.url ?? '(none)'}`);
    return fail(`Refused ${name}: the request did not come from the app's own window.`);
  }
  if (args.length !== 1) return fail(`Invalid request to ${name}: expected exactly one argument.`);
  const parsed = v.safeParse(callSchemas[name], args[0]);
  if (!parsed.success) {
    const reason = parsed.issues
      .map((i) => {
        const path = v.getDotPath(i);
        return path ? `${path}: ${i.message}` : i.message;
      })
      .join('; ');
    options.onRejected?.(name, reason);
    return fail(`Invalid request to ${name}: ${reason}`);
  }
  try {
    const handler = handlers[name] as (input: CallInput<K>, event: InvokeEventLike) => Promise<CallResult<K>>;
    return ok(await handler(parsed.output as CallInput<K>, event));
  } catch (e) {
    return fail(errorMessage(e));
  }
}
