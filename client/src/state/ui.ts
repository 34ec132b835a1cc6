import { create } from 'zustand';

export type LiveStatus = 'off' | 'connecting' | 'live' | 'error';

type UiState = {
  navOpen: boolean;
  setNavOpen(open: boolean): void;
  live: LiveStatus;
  setLive(status: LiveStatus): void;
};

/** UI-only state shared across the shell: the phone menu and the live-connection light. */
export const useUi = create<UiState>()((set) => ({
  navOpen: false,
  setNavOpen: (navOpen) => set({ navOpen }),
  live: 'off',
  setLive: (live) => set({ live }),
}));
