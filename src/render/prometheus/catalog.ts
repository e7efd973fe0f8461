/**
 * Series that w3o itself exports (rather than the node clients). Dashboards and alerts may only
 * reference these, the recording rules' outputs, the clients' series named in the chain
 * renderers, and Kubernetes' own (kubelet, `up`).
 */
export const W3O_METRICS = {
  w3o_contract_code_match: "1 if a contract's live code matches its deployment record, else 0 (w3o verify --metrics-file)",
  w3o_contract_owner_match: "1 if owner() matches the record's owner, else 0 (w3o verify --metrics-file)",
  w3o_network_head_age_seconds: "Age of the latest block seen by w3o verify (w3o verify --metrics-file)",
  w3o_contract_gas_used_total: "Gas used by transactions to a contract (w3o monitor)",
  w3o_token_transfers_total: "Transfer events of a token contract (w3o monitor)",
} as const;

export const KUBERNETES_METRICS = ["up", "kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes"] as const;
