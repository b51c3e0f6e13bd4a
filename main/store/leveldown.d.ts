// The little of leveldown (PouchDB's LevelDB binding) the store uses directly.
declare module 'leveldown' {
  interface LevelDownFactory {
    (location: string): unknown;
    repair(location: string, callback: (error?: Error | null) => void): void;
  }
  const leveldown: LevelDownFactory;
  export default leveldown;
}
