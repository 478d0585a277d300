import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkbenchDb } from '../../shared/store/workbench-db';
import { FindingHistory } from '../../shared/store/finding-history';
import { WorkbenchStore } from '../../shared/store/workbench-store';
import { App } from './App';
import { createHost } from './host';
import { theme } from './theme';
import { ServicesContext } from './workbench/context';

const store = new WorkbenchStore(new WorkbenchDb());
const services = { host: createHost(), store, history: new FindingHistory(store) };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="bottom-right" />
      <ServicesContext.Provider value={services}>
        <App />
      </ServicesContext.Provider>
    </MantineProvider>
  </StrictMode>,
);
