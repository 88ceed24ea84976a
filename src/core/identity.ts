import { uuid } from './uuid';
import { attempt } from './attempt';

/** A session ends after this long without an event. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** The stored identity (short keys: it is written on every event). */
export interface IdentityState {
  /** anonymousId */ a: string;
  /** userId */ u?: string;
  /** sessionId */ s?: string;
  /** last activity, ms */ t?: number;
  /** sessions started */ n?: number;
}

/** Who the visitor is: anonymousId, userId and the rotating session, kept in localStorage (never cookies). */
export interface Identity {
  /** The current state; `a` is the anonymousId, `u` the userId. */
  id: IdentityState;
  /** Writes the state, if persistence is on. */
  save(): void;
  /** Marks activity at `now` and returns the session id, rotating it after {@link SESSION_IDLE_MS} idle. */
  touch(now: number): string;
  /** Forgets the user: new anonymousId and session. */
  reset(): void;
  /** Turns persistence on (consent granted), or off and erases what was stored. */
  persist(on: boolean): void;
}

/** Creates the {@link Identity} for a site key; reads and writes storage only while `persist` is on. */
export const createIdentity = (key: string, persist: boolean): Identity => {
  const name = 'kizuna:' + key;
  let on = persist;
  const me: Identity = {
    id: { a: uuid() },
    save: () => on && attempt(() => localStorage.setItem(name, JSON.stringify(me.id))),
    touch(now) {
      const st = me.id;
      const idle = !st.t || now - st.t > SESSION_IDLE_MS;
      if (idle) (st.s = uuid(now)), (st.n = (st.n || 0) + 1);
      // A localStorage write costs ~20 µs: store the activity time at most every 5 s (the 30-minute rule does
      // not need it finer), and at once when the session changed.
      if (idle || now - (st.t || 0) > 5000) (st.t = now), me.save();
      return st.s!;
    },
    reset() {
      me.id = { a: uuid() };
      me.save();
    },
    persist(v) {
      on = v;
      if (v) me.save();
      else attempt(() => localStorage.removeItem(name));
    },
  };
  // Blocked or corrupt storage: the identity lives in memory.
  const v = on && attempt(() => JSON.parse(localStorage.getItem(name)!));
  if (typeof v?.a == 'string') me.id = v;
  return me;
};
