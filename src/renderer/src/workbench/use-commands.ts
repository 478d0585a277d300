import { useEffect, useRef } from 'react';
import type { Command } from '../../../shared/ipc/contract';
import { useServices } from './context';

/** One handler for every renderer command of the table: a missing one is a compile error. */
export type CommandHandlers = Record<Command, () => void>;

/**
 * Runs menu commands and keyboard shortcuts (both come through the host from the one command
 * table). The latest handlers are used without re-subscribing on every render.
 */
export function useCommands(handlers: CommandHandlers): void {
  const { host } = useServices();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => host.onCommand((command) => latest.current[command]()), [host]);
}
