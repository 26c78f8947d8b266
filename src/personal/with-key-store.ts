import type { EventStore } from '../kernel/event-store';
import type { KeyStore } from './key-store';

/**
 * The store with a key store beside it (`EventStore.keys`): commands seal the personal values
 * they record under their subjects' keys, and reads open them. The keys stay in the key store;
 * closing the store leaves the key store open, and the other way round.
 */
export const withKeyStore = <S extends EventStore>(
  store: S,
  keys: KeyStore,
): S & { readonly keys: KeyStore } => ({ ...store, keys });
