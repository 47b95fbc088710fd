import { create } from 'zustand';
import { createAccountSlice, type AccountSlice } from './account-slice';
import { createHealthSlice, type HealthSlice } from './health-slice';
import { createLeaveSlice, type LeaveSlice } from './leave-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createStaffSlice, type StaffSlice } from './staff-slice';
import { createSyncSlice, type SyncSlice } from './sync-slice';
import { createVisitsSlice, type VisitsSlice } from './visits-slice';

/** The renderer's one store, built from one slice per feature. */
export type AppStore = SessionSlice & StaffSlice & SyncSlice & HealthSlice & VisitsSlice & LeaveSlice & AccountSlice;

/** Creates a fresh store (the app makes one; each jsdom test makes its own). */
export function createAppStore() {
  return create<AppStore>()((...a) => ({
    ...createSessionSlice(...a),
    ...createStaffSlice(...a),
    ...createSyncSlice(...a),
    ...createHealthSlice(...a),
    ...createVisitsSlice(...a),
    ...createLeaveSlice(...a),
    ...createAccountSlice(...a),
  }));
}

export type AppStoreHook = ReturnType<typeof createAppStore>;
