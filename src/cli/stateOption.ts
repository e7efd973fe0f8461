/** The help text of --state, the same on every command that takes it (kept apart: commands register it at startup, before any state code loads). */
export const STATE_OPTION_HELP =
  "state database: a SQLite file, or a postgres:// URL several machines share; default $W3O_STATE_URL, else <repo>/.w3o/state.db";
