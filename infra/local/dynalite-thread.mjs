// dynalite on its own thread: DynamoDB is another service, and here it gets the second core
// instead of sharing the pipeline's event loop. Plain JavaScript, so the thread needs no loader.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import { serveTransactions } from './dynalite-transactions.mjs';

// dynalite keeps its store to itself: it is caught as dynalite creates it, for the
// TransactWriteItems that dynalite-transactions.mjs adds in front of dynalite's own handler.
const storeModule = createRequire(import.meta.url)('dynalite/db/index.js');
const createStore = storeModule.create;
let store;
storeModule.create = (options) => {
  store = createStore(options);
  return store;
};
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: workerData?.path });
storeModule.create = createStore;
serveTransactions(server, store);
server.once('error', (error) => parentPort.postMessage({ error: String(error) }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message === 'stop') server.close(() => parentPort.postMessage({ stopped: true }));
});
