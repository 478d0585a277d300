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
void openWorkspace(db).then((opened) => {
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
      message: `Your workspace was upgraded from database version ${opened.value.upgradedFrom} to ${db.verno}. A copy from before the upgrade was kept${opened.value.backup ? ` (${opened.value.backup.createdAt})` : ''}.`,
      autoClose: 10_000,
    });
  }
  const store = new WorkbenchStore(db);
  const services = { host: createHost(), store, history: new FindingHistory(store) };
  render(
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>,
  );
});
