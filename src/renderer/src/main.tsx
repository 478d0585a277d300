import '@fontsource-variable/inter';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './global.css';
import { Alert, Center, MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { FindingHistory } from '../../shared/store/finding-history';
import { openWorkspace } from '../../shared/store/open-workspace';
import type { PreUpgradeBackup } from '../../shared/store/pre-upgrade-backup';
import { encodePreUpgradeCopy } from '../../shared/store/pre-upgrade-file';
import { WorkbenchDb } from '../../shared/store/workbench-db';
import { WorkbenchStore } from '../../shared/store/workbench-store';
import { App } from './App';
import { createHost } from './host';
import { cssVariablesResolver, theme } from './theme';
import { ServicesContext } from './workbench/context';

const root = createRoot(document.getElementById('root')!);
const render = (content: ReactNode): void =>
  root.render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
        <Notifications position="bottom-right" />
        {content}
      </MantineProvider>
    </StrictMode>,
  );

// Ask the browser not to evict the workspace under storage pressure (Electron keeps it anyway).
void navigator.storage?.persist?.().catch(() => false);

const db = new WorkbenchDb();
const host = createHost();
// Before an upgrade the desktop app also keeps the old workspace as a file beside its backups.
const keepCopy = host.keepPreUpgradeCopy?.bind(host);
const options = keepCopy
  ? {
      keepCopy: async (backup: PreUpgradeBackup): Promise<string> => {
        const r = await keepCopy(backup.fromVersion, encodePreUpgradeCopy(backup));
        if (!r.ok) throw new Error(r.error);
        return r.value;
      },
    }
  : {};
void openWorkspace(db, options).then((opened) => {
  if (!opened.ok) {
    render(
      <Center h="100%" p="xl">
        <Alert color="red" title="The workspace cannot be opened" maw={560} role="alert">
          {opened.error}
        </Alert>
      </Center>,
    );
    return;
  }
  if (opened.value.upgradedFrom !== undefined) {
    notifications.show({
      title: 'Workspace upgraded',
      message: `Your workspace was upgraded from database version ${opened.value.upgradedFrom} to ${db.verno}. A copy from before the upgrade was kept${opened.value.backup ? ` (${opened.value.backup.createdAt}${opened.value.backup.keptAt ? `, also in ${opened.value.backup.keptAt}` : ''})` : ''}.`,
      autoClose: 10_000,
    });
  }
  const store = new WorkbenchStore(db);
  const services = { host, store, history: new FindingHistory(store) };
  render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
  );
});
