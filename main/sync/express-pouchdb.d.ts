// express-pouchdb ships no types: the part of its API the team server uses.
declare module 'express-pouchdb' {
  import type { Express } from 'express';

  interface CouchConfig {
    set(section: string, key: string, value: unknown, callback?: (error?: Error) => void): void;
    get(section: string, key: string): unknown;
  }
  interface ExpressPouchDbApp extends Express {
    couchConfig: CouchConfig;
    setPouchDB(pouch: object): Promise<void>;
  }
  interface ExpressPouchDbOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    configPath?: string;
    logPath?: string;
    inMemoryConfig?: boolean;
    overrideMode?: { include?: string[]; exclude?: string[] };
  }
  function expressPouchDb(pouch: object, options?: ExpressPouchDbOptions): ExpressPouchDbApp;
  export = expressPouchDb;
}
